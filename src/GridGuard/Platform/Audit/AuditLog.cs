using System.Text.Encodings.Web;
using System.Text.Json;
using GridGuard.Platform.Data;

namespace GridGuard.Platform.Audit;

/// <summary>Explicit audit lines for what the interceptor cannot see: bulk writes and full views.</summary>
public sealed class AuditLog(AppDbContext db, IHttpContextAccessor http, TimeProvider time)
{
    internal static readonly JsonSerializerOptions Json = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Adds (does not save) one summary line for a set-based operation.</summary>
    public AuditEntry Bulk(string entity, string operation, object summary, Guid? jurisdictionId)
    {
        var (userId, userName) = AuditInterceptor.Actor(http.HttpContext);
        var entry = new AuditEntry
        {
            At = time.GetUtcNow().UtcDateTime,
            UserId = userId,
            UserName = userName,
            Entity = entity,
            EntityId = operation,
            Action = AuditAction.Bulk,
            Changes = JsonSerializer.Serialize(summary, Json),
            JurisdictionId = jurisdictionId,
        };
        db.AuditEntries.Add(entry);
        return entry;
    }
}
