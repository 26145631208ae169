using GridGuard.Features.Households;
using GridGuard.Platform;
using GridGuard.Platform.Auth;
using GridGuard.Platform.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Features.MassTesting.Exemptions;

/// <summary>The API body and the page's form of recording an exemption (免检).</summary>
public sealed class ExemptionForm
{
    public Guid? PersonId { get; set; }

    /// <summary>Away, Hospitalised or Deceased; the Chinese 外出, 住院, 死亡 are accepted too.</summary>
    public string? Kind { get; set; }

    /// <summary>Where the person is (去向); required for Away, and written at the head of the stored reason.</summary>
    public string? Place { get; set; }

    public string? Reason { get; set; }
}

/// <summary>
/// POST /api/testing-rounds/{roundId}/exemptions: records an exemption on a member of the round's expected population,
/// by an exempter (<see cref="MassTestingText.Exempters"/>) holding a role at or above the member's node. The member row
/// is changed as a tracked entity (so the audit log records who exempted whom, and why), and the node's tally moves by
/// <see cref="Tallies.Exemption"/> in the same transaction: Exempt +1, and SampledExempt +1 if already sampled. For Away
/// the reason is stored as "去向：{Place}；{Reason}". 404 when the person is not a member in scope; 403 for other roles;
/// 400 with Chinese field errors, also when the member is already exempt or the round is closed.
/// </summary>
public static class RecordExemption
{
    public const int PlaceMaxLength = 60;

    public static RouteGroupBuilder MapRecordExemption(this RouteGroupBuilder group)
    {
        group.MapPost("/{roundId:guid}/exemptions", HandleAsync)
            .WithName("RecordExemption")
            .WithSummary("登记免检（外出须注明去向、住院、死亡；原因必填）");
        return group;
    }

    public static async Task<Results<NoContent, NotFound, ProblemHttpResult>> HandleAsync(Guid roundId, ExemptionForm request,
        AppDbContext db, CurrentUser me, CountyClock clock, CancellationToken ct)
    {
        var result = await ExecuteAsync(db, me, clock, roundId, request, ct);
        return result.Status switch
        {
            RegistryStatus.Ok => TypedResults.NoContent(),
            RegistryStatus.NotFound => TypedResults.NotFound(),
            _ => result.ToProblem(),
        };
    }

    public static ExemptionKind? ParseKind(string? text) => text?.Trim() switch
    {
        "外出" => ExemptionKind.Away,
        "住院" => ExemptionKind.Hospitalised,
        "死亡" => ExemptionKind.Deceased,
        { Length: > 0 } t when Enum.TryParse<ExemptionKind>(t, ignoreCase: true, out var k) && Enum.IsDefined(k) && !char.IsDigit(t[0]) => k,
        _ => null,
    };

    /// <summary>The member (tracked, with its node) when in the user's scope; null otherwise.</summary>
    internal static Task<RoundMember?> MemberAsync(AppDbContext db, CurrentUser me, Guid roundId, Guid personId,
        CancellationToken ct) =>
        db.RoundMembers.InScopeOf(me).Include(m => m.Jurisdiction)
            .FirstOrDefaultAsync(m => m.RoundId == roundId && m.PersonId == personId, ct);

    internal static Task<bool> IsOpenAsync(AppDbContext db, Guid roundId, CancellationToken ct) =>
        db.MassTestingRounds.AsNoTracking().AnyAsync(r => r.Id == roundId && r.Status == RoundStatus.Open, ct);

    public static async Task<RegistryResult> ExecuteAsync(AppDbContext db, CurrentUser me, CountyClock clock, Guid roundId,
        ExemptionForm form, CancellationToken ct)
    {
        if (form.PersonId is not { } personId)
        {
            return RegistryResult.Invalid("PersonId", "人员：请选择人员");
        }

        var member = await MemberAsync(db, me, roundId, personId, ct);
        if (member is null)
        {
            return RegistryResult.NotFound();
        }

        if (!me.HoldsAt(member.Jurisdiction!.Path, MassTestingText.Exempters))
        {
            return RegistryResult.Forbidden("您的岗位无权为该人员登记免检");
        }

        var errors = new FieldErrors();
        if (!await IsOpenAsync(db, roundId, ct))
        {
            errors.Add("Kind", "免检类型：本轮筛查已结束，不能再登记免检");
            return RegistryResult.Invalid(errors);
        }

        if (member.Exemption is { } existing)
        {
            errors.Add("Kind", $"免检类型：该人员已登记免检（{existing.Label()}），如需更改请先解除");
            return RegistryResult.Invalid(errors);
        }

        var kind = ParseKind(form.Kind);
        if (kind is null)
        {
            errors.Add("Kind", string.IsNullOrWhiteSpace(form.Kind) ? "免检类型：请选择外出、住院或死亡" : $"免检类型：“{form.Kind}”无法识别，应为外出、住院或死亡");
        }

        var place = form.Place?.Trim();
        if (kind == ExemptionKind.Away && string.IsNullOrEmpty(place))
        {
            errors.Add("Place", "去向：外出免检须注明去向（如：某市某区）");
        }
        else if (place is { Length: > PlaceMaxLength })
        {
            errors.Add("Place", $"去向：不能超过 {PlaceMaxLength} 个字符");
        }

        var reason = form.Reason?.Trim();
        if (string.IsNullOrEmpty(reason))
        {
            errors.Add("Reason", "免检原因：不能为空");
        }
        else
        {
            reason = kind == ExemptionKind.Away && !string.IsNullOrEmpty(place) ? $"去向：{place}；{reason}" : reason;
            if (reason.Length > RoundMember.ExemptionReasonMaxLength)
            {
                errors.Add("Reason", $"免检原因：连同去向不能超过 {RoundMember.ExemptionReasonMaxLength} 个字符（现有 {reason.Length} 个）");
            }
        }

        if (errors.Any)
        {
            return RegistryResult.Invalid(errors);
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        member.Exemption = kind;
        member.ExemptionReason = reason;
        member.ExemptedById = me.UserId;
        member.ExemptedAt = clock.UtcNow;
        await db.SaveChangesAsync(ct);
        await Tallies.ApplyAsync(db, roundId, member.JurisdictionId, Tallies.Exemption(+1, sampled: member.FirstSampledAt != null), ct);
        await tx.CommitAsync(ct);
        return RegistryResult.Ok(member.PersonId);
    }
}
