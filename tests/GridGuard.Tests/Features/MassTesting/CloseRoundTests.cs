using System.Net;
using System.Net.Http.Json;
using GridGuard.Features.MassTesting;
using GridGuard.Platform.Auth;
using GridGuard.Tests.Features.Households;
using GridGuard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Tests.Features.MassTesting;

[Collection(AppCollection.Name)]
public sealed class CloseRoundTests(AppFactory app)
{
    [Fact]
    public async Task CloseRound_Organiser_ClosesAuditedAndRefusesLaterScans()
    {
        var s = await RoundKit.SetupAsync(app);
        var people = await RoundKit.HouseholdAsync(s.Grid1, s.Tree.Grid1.Id, ("甲", []));
        var round = await RoundKit.OpenAsync(s.Township, s.Tree.Township1.Id);
        var sampler = await RoundKit.SamplerAsync(app, s.Tree.Township1.Id);

        var closed = await s.Township.PostAsync($"/api/testing-rounds/{round.Id}/close", null);
        var scan = await sampler.PostAsJsonAsync($"/api/testing-rounds/{round.Id}/samplings", RoundKit.ScanOf(people[0], RoundKit.NewBarcode(), 1));

        Assert.Equal(HttpStatusCode.NoContent, closed.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, scan.StatusCode);
        Assert.Contains("本轮筛查已结束", (await Problem.ReadAsync(scan)).Detail);
        var (status, audited) = await app.WithDbAsync(async db => (
            await db.MassTestingRounds.Where(r => r.Id == round.Id).Select(r => r.Status).SingleAsync(),
            await db.AuditEntries.AnyAsync(e => e.Entity == nameof(MassTestingRound) && e.EntityId == round.Id.ToString() && e.Changes.Contains("Closed"))));
        Assert.Equal(RoundStatus.Closed, status);
        Assert.True(audited);
    }

    [Fact]
    public async Task CloseRound_VillageOfficerInside_Forbidden()
    {
        var s = await RoundKit.SetupAsync(app);
        var round = await RoundKit.OpenAsync(s.Township, s.Tree.Township1.Id);
        var village = await app.ApiClientAsync(await TestUsers.CreateAsync(app, (Role.VillageOfficer, s.Tree.Village1.Id)));

        var response = await village.PostAsync($"/api/testing-rounds/{round.Id}/close", null);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(RoundStatus.Open, await app.WithDbAsync(db => db.MassTestingRounds.Where(r => r.Id == round.Id).Select(r => r.Status).SingleAsync()));
    }

    [Fact]
    public async Task CoverageBoardPage_OrganiserPostsClose_RoundClosed()
    {
        var s = await RoundKit.SetupAsync(app);
        var round = await RoundKit.OpenAsync(s.Township, s.Tree.Township1.Id);
        var page = await app.PageClientAsync(s.Organiser);
        var url = $"/testing-rounds/{round.Id}";

        var fields = await Forms.GetFormAsync(page, url, "close-round");
        var response = await Forms.PostAsync(page, url, fields);

        Assert.True(response.IsSuccessStatusCode || (int)response.StatusCode is >= 300 and < 400, response.StatusCode.ToString());
        Assert.Equal(RoundStatus.Closed, await app.WithDbAsync(db => db.MassTestingRounds.Where(r => r.Id == round.Id).Select(r => r.Status).SingleAsync()));
    }

    [Fact]
    public async Task CoverageBoardPage_OpenPastItsWindow_SaysSoUntilClosed()
    {
        var s = await RoundKit.SetupAsync(app);
        var round = await RoundKit.OpenAsync(s.Township, s.Tree.Township1.Id);
        var page = await app.PageClientAsync(s.Organiser);
        var url = $"/testing-rounds/{round.Id}";
        var now = app.Clock.GetUtcNow().UtcDateTime;
        Task EndsAt(DateTime at) => app.WithDbAsync(db => db.MassTestingRounds.Where(r => r.Id == round.Id)
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.EndsAt, at)));

        await EndsAt(now.AddHours(1));
        var within = await page.GetStringAsync(url);
        await EndsAt(now.AddMinutes(-1));
        var past = await page.GetStringAsync(url);
        await s.Township.PostAsync($"/api/testing-rounds/{round.Id}/close", null);
        var closed = await page.GetStringAsync(url);

        Assert.DoesNotContain("round-overdue", within, StringComparison.Ordinal);
        Assert.Contains("本轮已过时间窗口", past, StringComparison.Ordinal);
        Assert.DoesNotContain("round-overdue", closed, StringComparison.Ordinal);
    }
}
