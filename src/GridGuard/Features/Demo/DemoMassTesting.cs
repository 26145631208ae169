using GridGuard.Features.MassTesting;
using GridGuard.Features.MassTesting.Collection;
using GridGuard.Features.MassTesting.Rounds;
using GridGuard.Features.MassTesting.Sites;
using GridGuard.Platform;
using GridGuard.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Features.Demo;

/// <summary>
/// Issue 5's demo data: one open mass-testing round over the demo township (today 07:00–20:00 county time), opened by the
/// township account through the real use case, with one sampling site calling the demo grid at 08:00–09:00, and about
/// two thirds of the demo grid's residents sampled in 10-in-1 tubes through the real ingest (persons who must have a
/// single tube are refused there and stay on the missing list). Deterministic: persons in ID-number order. Once: a
/// township that already has a round is left alone.
/// </summary>
public sealed class DemoMassTesting(AppDbContext db, CountyClock clock, ILogger<DemoMassTesting> log)
{
    public const string RoundName = "演示：全镇核酸筛查";

    public async Task<bool> RunAsync(string townshipCode, string gridCode, string actorUserName, CancellationToken ct = default)
    {
        var township = await db.Jurisdictions.AsNoTracking().FirstOrDefaultAsync(j => j.Code == townshipCode, ct);
        var grid = await db.Jurisdictions.AsNoTracking().FirstOrDefaultAsync(j => j.Code == gridCode, ct);
        var me = await DemoActors.ForAsync(db, actorUserName, ct);
        if (township is null || grid is null || me is null
            || await db.MassTestingRounds.AnyAsync(r => r.JurisdictionId == township.Id, ct))
        {
            return false;
        }

        var day = clock.Today.ToDateTime(TimeOnly.MinValue);
        var (result, roundId) = await OpenRound.ExecuteAsync(db, me, clock,
            new RoundForm { Name = RoundName, JurisdictionId = township.Id, StartsAt = day.AddHours(7), EndsAt = day.AddHours(20) }, ct);
        // The snapshot runs here, not in the background worker: the demo needs the members before it samples.
        var round = roundId is { } id ? await RoundSnapshot.RunAsync(db, id, clock.UtcNow, ct) : null;
        if (round is null)
        {
            log.LogWarning("Demo round not opened: {Status}", result.Status);
            return false;
        }

        var site = await AddSite.ExecuteAsync(db, me, clock, round.Id, new SamplingSiteForm
        {
            Name = "镇卫生院采样点",
            Address = "扬武镇卫生院门诊楼前",
            JurisdictionId = township.Id,
            Opens = new TimeOnly(7, 0),
            Closes = new TimeOnly(20, 0),
            Lanes = 4,
            Staff = "采样 4 人，登记 4 人；负责人 卫生院 陈院长",
        }, ct);
        if (site.Id is { } siteId)
        {
            await AddSlot.ExecuteAsync(db, me, clock, round.Id, siteId,
                new SlotForm { GridId = grid.Id, StartsAt = day.AddHours(8), EndsAt = day.AddHours(9) }, ct);
        }

        var people = await db.RoundMembers.AsNoTracking().Where(m => m.RoundId == round.Id && m.JurisdictionId == grid.Id)
            .OrderBy(m => m.Person!.IdNumber).Select(m => m.PersonId).ToListAsync(ct);
        var sampled = people.Take(people.Count * 2 / 3).ToList();
        var scans = sampled.Select((p, i) => new Scan(Guid.CreateVersion7(), $"DEMO{clock.Today:yyMMdd}{i / 10:D5}", 10,
            PersonCode.Of(p), null, null, clock.UtcNow, site.Id, null)).ToList();
        var job = new SamplingIngest.Job(round.Id, me.UserId!.Value, me.DisplayName, me.PathsWhere(MassTestingText.Samplers), scans);
        var answers = await SamplingIngest.RunAsync(db, clock, [job], ct);
        log.LogInformation("Demo round opened over {Township}: {Population} expected, {Sampled} sampled in the demo grid",
            township.Name, round.Population, answers[0].Results.Count(r => r.Status == ScanStatus.Accepted));
        return true;
    }
}
