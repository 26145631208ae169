using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GridGuard.Features.MassTesting;
using GridGuard.Features.MassTesting.Collection;
using GridGuard.Features.MassTesting.Rounds;
using GridGuard.Tests.Features.Households;
using GridGuard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GridGuard.Tests.Features.MassTesting;

/// <summary>A big round is prepared in the background: no scans until its expected population is taken.</summary>
[Collection(AppCollection.Name)]
public sealed class RoundSnapshotTests(AppFactory app)
{
    [Fact]
    public async Task PreparingRound_RefusesScansAndShowsPreparing_UntilTheWorkerOpensIt()
    {
        var s = await RoundKit.SetupAsync(app);
        var inside = await RoundKit.HouseholdAsync(s.Grid1, s.Tree.Grid1.Id, ("王一", []), ("王二", ["Dialysis"]));
        var sampler = await RoundKit.SamplerAsync(app, s.Tree.Township1.Id);
        // Saved as preparing and not queued yet: what a million-person round looks like while its snapshot runs.
        var roundId = await app.WithDbAsync(async db =>
        {
            var round = new MassTestingRound
            {
                Name = "准备中的一轮" + Guid.NewGuid().ToString("N")[..6],
                JurisdictionId = s.Tree.Township1.Id,
                StartsAt = app.Clock.GetUtcNow().UtcDateTime,
                EndsAt = app.Clock.GetUtcNow().UtcDateTime.AddHours(12),
                Status = RoundStatus.Preparing,
                OpenedById = s.Organiser.Id,
                OpenedAt = app.Clock.GetUtcNow().UtcDateTime,
            };
            db.MassTestingRounds.Add(round);
            await db.SaveChangesAsync();
            return round.Id;
        });

        var refused = await sampler.PostAsJsonAsync($"/api/testing-rounds/{roundId}/samplings",
            RoundKit.ScanOf(inside[0], RoundKit.NewBarcode(), 1));
        var preparing = await s.Township.GetFromJsonAsync<JsonElement>($"/api/testing-rounds/{roundId}/coverage");
        var page = await s.Township.GetStringAsync($"/testing-rounds/{roundId}");

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("正在生成应检人员名单", (await Problem.ReadAsync(refused)).Errors!["roundId"][0]);
        Assert.Equal("Preparing", preparing.GetProperty("status").GetString());
        Assert.Contains("data-testid=\"round-preparing\"", page);
        Assert.Contains("http-equiv=\"refresh\"", page);

        var opened = await app.Services.GetRequiredService<RoundSnapshotWorker>().Enqueue(roundId);

        Assert.NotNull(opened);
        Assert.Equal(2, opened.Population);
        Assert.Equal(1, opened.HomeSampling);
        Assert.Equal(RoundStatus.Open, await app.WithDbAsync(db => db.MassTestingRounds.Where(r => r.Id == roundId).Select(r => r.Status).SingleAsync()));
        var accepted = await RoundKit.ScanAsync(sampler, roundId, inside[0], RoundKit.NewBarcode(), 1);
        Assert.Equal(ScanStatus.Accepted, accepted.Status);
    }

    [Fact]
    public async Task Snapshot_RunTwice_TakesThePopulationOnce()
    {
        var s = await RoundKit.SetupAsync(app);
        await RoundKit.HouseholdAsync(s.Grid1, s.Tree.Grid1.Id, ("赵一", []));
        var opened = await RoundKit.OpenAsync(s.Township, s.Tree.Township1.Id);

        var again = await app.Services.GetRequiredService<RoundSnapshotWorker>().Enqueue(opened.Id);

        Assert.Null(again);
        Assert.Equal(nameof(RoundStatus.Open), opened.Status);
        Assert.Equal(1, await app.WithDbAsync(db => db.RoundMembers.CountAsync(m => m.RoundId == opened.Id)));
    }
}
