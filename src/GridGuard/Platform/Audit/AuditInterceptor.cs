using System.Security.Claims;
using System.Text.Json;
using GridGuard.Features.Jurisdictions;
using GridGuard.Platform.Auth;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace GridGuard.Platform.Audit;

/// <summary>
/// Writes an <see cref="AuditEntry"/> for every added, modified or deleted entity in the same
/// SaveChanges, so no feature can forget it. Audit entries themselves can only be added.
/// Set-based writes (ExecuteUpdate, bulk import) bypass this and must call <see cref="AuditLog.Bulk"/>.
/// </summary>
public sealed class AuditInterceptor(IHttpContextAccessor http, TimeProvider time) : SaveChangesInterceptor
{
    private static readonly HashSet<string> Noise =
        ["ConcurrencyStamp", "SecurityStamp", "AccessFailedCount", "UpdatedAt", "NormalizedUserName", "NormalizedEmail"];

    private static readonly HashSet<string> Secret = ["PasswordHash"];

    /// <summary>Identity numbers are masked in the log like everywhere else (DOMAIN.md §2).</summary>
    private static readonly HashSet<string> Masked = ["IdNumber"];

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } db and not Data.AppDbContext { SuppressAudit: true })
        {
            Capture(db);
        }

        return base.SavingChangesAsync(eventData, result, cancellationToken);
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is { } db and not Data.AppDbContext { SuppressAudit: true })
        {
            Capture(db);
        }

        return base.SavingChanges(eventData, result);
    }

    private void Capture(DbContext db)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var (userId, userName) = Actor(http.HttpContext);
        var entries = new List<AuditEntry>();
        foreach (var e in db.ChangeTracker.Entries())
        {
            if (e.Entity is AuditEntry)
            {
                if (e.State is EntityState.Modified or EntityState.Deleted)
                {
                    throw new InvalidOperationException("The audit log is append-only.");
                }

                continue;
            }

            if (e.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted) || e.Metadata.IsOwned())
            {
                continue;
            }

            var changes = Changes(e);
            if (e.State == EntityState.Modified && changes.Count == 0)
            {
                continue;
            }

            entries.Add(new AuditEntry
            {
                At = now,
                UserId = userId,
                UserName = userName,
                Entity = e.Metadata.ClrType.Name,
                EntityId = KeyOf(e),
                Action = e.State switch
                {
                    EntityState.Added => AuditAction.Added,
                    EntityState.Deleted => AuditAction.Deleted,
                    _ => AuditAction.Modified,
                },
                Changes = JsonSerializer.Serialize(changes, AuditLog.Json),
                JurisdictionId = JurisdictionOf(db, e.Entity),
            });
        }

        db.Set<AuditEntry>().AddRange(entries);
    }

    internal static (Guid? UserId, string UserName) Actor(HttpContext? context)
    {
        var principal = context?.User;
        if (principal?.Identity?.IsAuthenticated == true)
        {
            var id = Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var g) ? g : (Guid?)null;
            return (id, principal.Identity.Name ?? "?");
        }

        return (null, context is null ? "system" : "anonymous");
    }

    private static Dictionary<string, object?[]> Changes(EntityEntry e)
    {
        var changes = new Dictionary<string, object?[]>();
        foreach (var p in e.Properties)
        {
            var name = p.Metadata.Name;
            if (Noise.Contains(name) || p.Metadata.IsShadowProperty() && p.Metadata.IsForeignKey() is false)
            {
                continue;
            }

            var (oldValue, newValue) = e.State switch
            {
                EntityState.Added => (null, p.CurrentValue),
                EntityState.Deleted => (p.OriginalValue, null),
                _ => (p.OriginalValue, p.CurrentValue),
            };
            if (e.State == EntityState.Modified && (!p.IsModified || Equals(oldValue, newValue)))
            {
                continue;
            }

            if (e.State == EntityState.Added && newValue is null)
            {
                continue;
            }

            changes[name] = Secret.Contains(name) ? ["***", "***"]
                : Masked.Contains(name) ? [MaskText(oldValue), MaskText(newValue)]
                : [Plain(oldValue), Plain(newValue)];
        }

        return changes;
    }

    private static string? MaskText(object? value) =>
        value is null ? null : GridGuard.Features.Households.IdNumbers.Mask(value.ToString());

    private static object? Plain(object? value) => value switch
    {
        null => null,
        Enum en => en.ToString(),
        DateTime dt => dt.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        _ => value,
    };

    private static string KeyOf(EntityEntry e)
    {
        var key = e.Metadata.FindPrimaryKey();
        return key is null ? "" : string.Join(",", key.Properties.Select(p => e.Property(p.Name).CurrentValue));
    }

    /// <summary>
    /// The node an audit line is filed under, so the log can be scoped: the entity's own node, or for a
    /// dependent row (e.g. a person's vulnerable group) the node of its tracked owner.
    /// </summary>
    private static Guid? JurisdictionOf(DbContext db, object entity) => entity switch
    {
        Jurisdiction j => j.Id,
        IInJurisdiction owned => owned.JurisdictionId, // includes RoleAssignment
        IAuditedUnder dependent => db.ChangeTracker.Entries<IInJurisdiction>()
            .FirstOrDefault(o => dependent.AuditOwnerId == KeyGuid(o))?.Entity.JurisdictionId,
        _ => null,
    };

    private static Guid? KeyGuid(EntityEntry e) => e.Metadata.FindPrimaryKey() is { Properties: [var p] }
        && e.Property(p.Name).CurrentValue is Guid g ? g : null;
}
