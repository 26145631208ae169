using GridGuard.Features.Households;
using GridGuard.Features.Monitoring;
using GridGuard.Platform;
using GridGuard.Platform.Auth;
using GridGuard.Platform.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Features.MassTesting.Rounds;

/// <summary>
/// POST /api/testing-rounds: opens a round over a subtree and a window (county time, at most 7 days). In one transaction
/// it snapshots the expected population — every active person whose household is in the subtree now — into
/// <see cref="RoundMember"/> rows, counts them per node into <see cref="RoundTally"/> rows, and makes a home-sampling
/// task (入户采样, due at the window's end) for every SemiDependent or Dialysis member.
/// </summary>
public static class OpenRound
{
    public const int MaxWindowDays = 7;

    public sealed record Opened(Guid Id, int Population, int HomeSampling);

    public static RouteGroupBuilder MapOpenRound(this RouteGroupBuilder group)
    {
        group.MapPost("/", HandleAsync)
            .WithName("OpenTestingRound")
            .WithSummary("开启一轮区域核酸筛查（范围为一个辖区及其下级；时间为本县时间，最长 7 天）");
        return group;
    }

    public static async Task<Results<Created<Opened>, ProblemHttpResult>> HandleAsync(RoundForm request, AppDbContext db,
        CurrentUser me, CountyClock clock, CancellationToken ct)
    {
        var (result, opened) = await ExecuteAsync(db, me, clock, request, ct);
        return result.Status == RegistryStatus.Ok
            ? TypedResults.Created($"/api/testing-rounds/{opened!.Id}", opened)
            : result.ToProblem();
    }

    public static async Task<(RegistryResult Result, Opened? Opened)> ExecuteAsync(AppDbContext db, CurrentUser me,
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

        var now = clock.UtcNow;
        var round = new MassTestingRound
        {
            Name = name!,
            JurisdictionId = node!.Id,
            StartsAt = clock.ToUtc(form.StartsAt!.Value),
            EndsAt = clock.ToUtc(form.EndsAt!.Value),
            Status = RoundStatus.Open,
            OpenedById = me.UserId!.Value,
            OpenedAt = now,
        };

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.MassTestingRounds.Add(round);
        await db.SaveChangesAsync(ct);
        var pending = nameof(SamplingOutcome.Pending);
        var active = nameof(PersonStatus.Active);
        var like = node.Path + "%";
        round.Population = await db.Database.ExecuteSqlAsync($"""
            INSERT INTO "RoundMembers" ("RoundId", "PersonId", "JurisdictionId", "Samplings", "Outcome")
            SELECT {round.Id}, p."Id", h."JurisdictionId", 0, {pending}
            FROM "Persons" p
            JOIN "Households" h ON h."Id" = p."HouseholdId"
            JOIN "Jurisdictions" j ON j."Id" = h."JurisdictionId"
            WHERE p."Status" = {active} AND j."Path" LIKE {like}
            """, ct);
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO "RoundTallies" ("RoundId", "JurisdictionId", "Expected", "Exempt", "Sampled", "SampledExempt")
            SELECT m."RoundId", m."JurisdictionId", COUNT(*), 0, 0, 0
            FROM "RoundMembers" m WHERE m."RoundId" = {round.Id}
            GROUP BY m."RoundId", m."JurisdictionId"
            """, ct);

        var homeGroups = new[] { VulnerableGroup.SemiDependent, VulnerableGroup.Dialysis };
        var home = await db.RoundMembers.AsNoTracking()
            .Where(m => m.RoundId == round.Id && db.PersonVulnerableGroups.Any(g => g.PersonId == m.PersonId && homeGroups.Contains(g.Group)))
            .Select(m => new { m.PersonId, m.JurisdictionId, StewardId = m.Person!.Household!.StewardId })
            .ToListAsync(ct);
        db.WorkTasks.AddRange(home.Select(m => new WorkTask
        {
            Kind = WorkTaskKind.HomeSampling,
            Priority = WorkTask.PriorityOf(WorkTaskKind.HomeSampling),
            Key = $"HomeSampling:{round.Id:N}:{m.PersonId:N}",
            JurisdictionId = m.JurisdictionId,
            PersonId = m.PersonId,
            RoundId = round.Id,
            StewardId = m.StewardId,
            DueAt = round.EndsAt,
            Status = WorkTaskStatus.Open,
            CreatedAt = now,
        }));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return (RegistryResult.Ok(round.Id), new Opened(round.Id, round.Population, home.Count));
    }
}
