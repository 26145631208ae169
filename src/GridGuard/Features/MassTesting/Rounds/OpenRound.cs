using GridGuard.Features.Households;
using GridGuard.Platform;
using GridGuard.Platform.Auth;
using GridGuard.Platform.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Features.MassTesting.Rounds;

/// <summary>
/// POST /api/testing-rounds: opens a round over a subtree and a window (county time, at most 7 days). The round is saved
/// as <see cref="RoundStatus.Preparing"/> and <see cref="RoundSnapshotWorker"/> takes its expected population in the
/// background (<see cref="RoundSnapshot"/>). The request waits up to <see cref="Patience"/> for it: 201 with the
/// population when done (any county-sized subtree below a few hundred thousand persons), else 202 with status
/// Preparing — the coverage board shows when the round opens.
/// </summary>
public static class OpenRound
{
    public const int MaxWindowDays = 7;

    /// <summary>How long a request waits for the snapshot before answering 202.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    public sealed record Opened(Guid Id, int Population, int HomeSampling, string Status);

    public static RouteGroupBuilder MapOpenRound(this RouteGroupBuilder group)
    {
        group.MapPost("/", HandleAsync)
            .WithName("OpenTestingRound")
            .WithSummary("开启一轮区域核酸筛查（范围为一个辖区及其下级；时间为本县时间，最长 7 天）；范围较大时返回 202，应检名单在后台生成，完成前状态为 Preparing");
        return group;
    }

    public static async Task<Results<Created<Opened>, Accepted<Opened>, ProblemHttpResult>> HandleAsync(RoundForm request,
        AppDbContext db, CurrentUser me, CountyClock clock, RoundSnapshotWorker snapshots, CancellationToken ct)
    {
        var (result, roundId) = await ExecuteAsync(db, me, clock, request, ct);
        if (result.Status != RegistryStatus.Ok)
        {
            return result.ToProblem();
        }

        var location = $"/api/testing-rounds/{roundId}/coverage";
        return await RoundSnapshotWorker.WaitAsync(snapshots.Enqueue(roundId!.Value), Patience, ct) is { } opened
            ? TypedResults.Created(location, opened)
            : TypedResults.Accepted(location, new Opened(roundId.Value, 0, 0, nameof(RoundStatus.Preparing)));
    }

    /// <summary>Validates the form and saves the round as preparing; the caller runs or queues <see cref="RoundSnapshot"/>.</summary>
    public static async Task<(RegistryResult Result, Guid? RoundId)> ExecuteAsync(AppDbContext db, CurrentUser me,
        CountyClock clock, RoundForm form, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var name = form.Name?.Trim();
        if (string.IsNullOrEmpty(name))
        {
            errors.Add("Name", "名称：不能为空");
        }
        else if (name.Length > MassTestingRound.NameMaxLength)
        {
            errors.Add("Name", $"名称：不能超过 {MassTestingRound.NameMaxLength} 个字");
        }

        if (form.StartsAt is null)
        {
            errors.Add("StartsAt", "开始时间：不能为空");
        }

        if (form.EndsAt is null)
        {
            errors.Add("EndsAt", "结束时间：不能为空");
        }
        else if (form.StartsAt is { } s && form.EndsAt is { } e && (e <= s || e - s > TimeSpan.FromDays(MaxWindowDays)))
        {
            errors.Add("EndsAt", $"结束时间：应晚于开始时间，且整轮不超过 {MaxWindowDays} 天");
        }

        var node = form.JurisdictionId is { } id
            ? await db.Jurisdictions.AsNoTracking().InScopeOf(me).Where(j => j.Id == id && j.IsActive)
                .Select(j => new { j.Id, j.Path, j.Name }).FirstOrDefaultAsync(ct)
            : null;
        if (node is null)
        {
            errors.Add("JurisdictionId", form.JurisdictionId is null ? "筛查范围：请选择辖区" : "筛查范围：辖区不存在或不在您的管辖范围内");
        }
        else if (!me.HoldsAt(node.Path, MassTestingText.Organisers))
        {
            return (RegistryResult.Forbidden("只有乡镇（街道）或县级人员可以组织区域核酸筛查"), null);
        }

        if (errors.Any)
        {
            return (RegistryResult.Invalid(errors), null);
        }

        var round = new MassTestingRound
        {
            Name = name!,
            JurisdictionId = node!.Id,
            StartsAt = clock.ToUtc(form.StartsAt!.Value),
            EndsAt = clock.ToUtc(form.EndsAt!.Value),
            Status = RoundStatus.Preparing,
            OpenedById = me.UserId!.Value,
            OpenedAt = clock.UtcNow,
        };
        db.MassTestingRounds.Add(round);
        await db.SaveChangesAsync(ct);
        return (RegistryResult.Ok(round.Id), round.Id);
    }
}
