using System.Text.Json;
using GridGuard.Platform.Audit;
using GridGuard.Platform.Auth;
using GridGuard.Platform.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Features.Canvassing.Tips;

/// <summary>
/// GET /api/tips/{id}: one tip in the user's staff scope, whole (the tipster's phone too, so staff can call back), with
/// the key-person flag and reward it led to, or the reason it was rejected. Out of scope: 404.
/// </summary>
public static class GetTip
{
    public sealed record FlagRef(Guid Id, Guid PersonId, string PersonName, string Category, string CategoryLabel, string? RiskLevel,
        Guid JurisdictionId, string JurisdictionName);

    public sealed record RewardRef(Guid Id, string RecipientName, string RecipientPhoneMasked, int Amount, DateTime CreatedAt);

    public sealed record Rejection(string Reason, string By, DateTime At);

    public sealed record Detail(Guid Id, string Reference, DateTime CreatedAt, string Status, string StatusLabel,
        Guid? JurisdictionId, string? JurisdictionName, string Content, string? SubjectName, string? SubjectAddress,
        string? TipsterName, string? TipsterPhone, FlagRef? Flag, IReadOnlyList<RewardRef> Rewards, Rejection? Rejection);

    /// <summary>The audit field that keeps a rejection's reason (the tip itself has no column for it).</summary>
    public const string RejectReasonField = "RejectReason";

    public static RouteGroupBuilder MapGetTip(this RouteGroupBuilder group)
    {
        group.MapGet("/{id:guid}", HandleAsync).WithName("GetTip").WithSummary("线索详情（含确认的重点人员、奖励或驳回理由）");
        return group;
    }

    public static async Task<Results<Ok<Detail>, NotFound>> HandleAsync(Guid id, AppDbContext db, CurrentUser me, CancellationToken ct) =>
        await LoadAsync(db, me, id, ct) is { } detail ? TypedResults.Ok(detail) : TypedResults.NotFound();

    /// <summary>Shared with the page; null when the tip does not exist or lies outside the user's staff scope.</summary>
    public static async Task<Detail?> LoadAsync(AppDbContext db, CurrentUser me, Guid id, CancellationToken ct)
    {
        var t = await db.Tips.AsNoTracking().InScopeOf(me, TipText.Staff)
            .Where(t => t.Id == id)
            .Select(t => new
            {
                t.Id,
                t.CreatedAt,
                t.Status,
                t.JurisdictionId,
                JurisdictionName = t.Jurisdiction == null ? null : t.Jurisdiction.Name,
                t.Content,
                t.SubjectName,
                t.SubjectAddress,
                t.TipsterName,
                t.TipsterPhone,
                t.KeyPersonFlagId,
            })
            .FirstOrDefaultAsync(ct);
        if (t is null)
        {
            return null;
        }

        FlagRef? flag = null;
        if (t.KeyPersonFlagId is { } flagId)
        {
            var f = await db.KeyPersonFlags.AsNoTracking()
                .Where(f => f.Id == flagId)
                .Select(f => new { f.Id, f.PersonId, f.Person!.Name, f.Category, f.RiskLevel, f.JurisdictionId, GridName = f.Jurisdiction!.Name })
                .FirstOrDefaultAsync(ct);
            flag = f is null ? null : new FlagRef(f.Id, f.PersonId, f.Name, f.Category.ToString(), f.Category.Label(),
                f.RiskLevel?.ToString(), f.JurisdictionId, f.GridName);
        }

        var rewards = (await db.Rewards.AsNoTracking()
                .Where(r => r.TipId == id)
                .OrderBy(r => r.CreatedAt)
                .Select(r => new { r.Id, r.RecipientName, r.RecipientPhone, r.Amount, r.CreatedAt })
                .ToListAsync(ct))
            .Select(r => new RewardRef(r.Id, r.RecipientName, TipText.MaskPhone(r.RecipientPhone), r.Amount, r.CreatedAt))
            .ToList();
        var rejection = t.Status == TipStatus.Rejected ? await RejectionAsync(db, id, ct) : null;
        return new Detail(t.Id, TipReference.Of(t.Id), t.CreatedAt, t.Status.ToString(), t.Status.Label(), t.JurisdictionId,
            t.JurisdictionName, t.Content, t.SubjectName, t.SubjectAddress, t.TipsterName, t.TipsterPhone, flag, rewards, rejection);
    }

    /// <summary>The latest rejection reason, read back from the audit line that <see cref="RejectTip"/> wrote.</summary>
    private static async Task<Rejection?> RejectionAsync(AppDbContext db, Guid id, CancellationToken ct)
    {
        var key = id.ToString();
        var lines = await db.AuditEntries.AsNoTracking()
            .Where(a => a.Entity == nameof(Tip) && a.EntityId == key && a.Action == AuditAction.Modified)
            .OrderByDescending(a => a.At).ThenByDescending(a => a.Id)
            .Select(a => new { a.Changes, a.UserName, a.At })
            .ToListAsync(ct);
        foreach (var line in lines)
        {
            using var json = JsonDocument.Parse(line.Changes);
            if (json.RootElement.TryGetProperty(RejectReasonField, out var change)
                && change.ValueKind == JsonValueKind.Array && change.GetArrayLength() == 2
                && change[1].GetString() is { } reason)
            {
                return new Rejection(reason, line.UserName, line.At);
            }
        }

        return null;
    }
}
