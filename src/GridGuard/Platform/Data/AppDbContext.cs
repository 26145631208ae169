using GridGuard.Platform.Auth;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Platform.Data;

/// <summary>
/// The one database context. Each capability adds its DbSets in a partial file
/// (AppDbContext.&lt;Capability&gt;.cs) and its configuration beside its entities.
/// Provider-specific subclasses exist only so that each provider owns its migration set.
/// </summary>
public abstract partial class AppDbContext(DbContextOptions options)
    : IdentityUserContext<AppUser, Guid>(options)
{
    /// <summary>Set while a bulk path writes rows it audits itself with one summary line.</summary>
    internal bool SuppressAudit { get; private set; }

    /// <summary>Saves without per-row audit lines; the caller must add an <c>AuditLog.Bulk</c> line.</summary>
    public async Task<int> SaveChangesWithoutAuditAsync(CancellationToken ct = default)
    {
        SuppressAudit = true;
        try
        {
            return await SaveChangesAsync(ct);
        }
        finally
        {
            SuppressAudit = false;
        }
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Enums are stored as strings everywhere (STYLE.md rule 6).
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(32);
    }
}
