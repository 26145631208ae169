using System.Net;
using System.Net.Http.Json;
using GridGuard.Features.MassTesting.Coverage;
using GridGuard.Features.MassTesting.Rounds;
using GridGuard.Platform.Auth;
using GridGuard.Tests.Features.Households;
using GridGuard.Tests.Infrastructure;

namespace GridGuard.Tests.Features.MassTesting;

[Collection(AppCollection.Name)]
public sealed class CoverageTests(AppFactory app)
{
    [Fact]
    public async Task Coverage_AfterScans_CountsEachPersonOnceAndDrillsDownToTheGrid()
    {
        var s = await RoundKit.SetupAsync(app);
        var people = await RoundKit.HouseholdAsync(s.Grid1, s.Tree.Grid1.Id, ("一", []), ("二", []), ("三", []), ("四", []));
        var round = await RoundKit.OpenAsync(s.Township, s.Tree.Township1.Id);
        var sampler = await RoundKit.SamplerAsync(app, s.Tree.Township1.Id);
        var tube = RoundKit.NewBarcode();
        await RoundKit.ScanAsync(sampler, round.Id, people[0], tube, 5);
        await RoundKit.ScanAsync(sampler, round.Id, people[1], tube);
        await RoundKit.ScanAsync(sampler, round.Id, people[1], RoundKit.NewBarcode(), 1);

        var top = await s.Township.GetFromJsonAsync<RoundCoverage.Board>($"/api/testing-rounds/{round.Id}/coverage", TestJson.Options);
        var grid = await s.Township.GetFromJsonAsync<RoundCoverage.Board>(
            $"/api/testing-rounds/{round.Id}/coverage?node={s.Tree.Grid1.Id}", TestJson.Options);
        var rounds = await s.Township.GetFromJsonAsync<List<ListRounds.Item>>("/api/testing-rounds", TestJson.Options);

        Assert.Equal(s.Tree.Township1.Id, top!.Node.NodeId);
        Assert.Equal((4, 2, 2, 50.0), (top.Node.Expected, top.Node.Sampled, top.Node.Missing, top.Node.Percent));
        var village = Assert.Single(top.Children);
        Assert.Equal(s.Tree.Village1.Id, village.NodeId);
        Assert.True(grid!.Node.IsGrid);
        Assert.Equal((4, 2), (grid.Node.Expected, grid.Node.Sampled));
        Assert.Equal(s.Tree.Township1.Id, grid.Trail[0].NodeId);
        var listed = Assert.Single(rounds!, r => r.Id == round.Id);
        Assert.Equal((4, 2), (listed.Expected, listed.Sampled));
    }

    [Fact]
    public async Task MissingList_Grid_ListsOnlyTheUnsampledWithPhoneAndMaskedId()
    {
        var s = await RoundKit.SetupAsync(app);
        var people = await RoundKit.HouseholdAsync(s.Grid1, s.Tree.Grid1.Id, ("已采", []), ("未采", []));
        var round = await RoundKit.OpenAsync(s.Township, s.Tree.Township1.Id);
        var sampler = await RoundKit.SamplerAsync(app, s.Tree.Township1.Id);
        await RoundKit.ScanAsync(sampler, round.Id, people[0], RoundKit.NewBarcode(), 1);
        var gridWorker = await app.ApiClientAsync(await TestUsers.CreateAsync(app, (Role.Steward, s.Tree.Grid1.Id)));

        var page = await gridWorker.GetFromJsonAsync<ListMissing.Page>($"/api/testing-rounds/{round.Id}/missing?node={s.Tree.Grid1.Id}", TestJson.Options);

        var item = Assert.Single(page!.Items);
        Assert.Equal(people[1], item.PersonId);
        Assert.Equal("未采", item.Name);
        Assert.NotNull(item.Phone);
        Assert.Contains("*", item.IdNumber);
    }

    [Fact]
    public async Task Unregistered_ScannedByIdNumber_ListedForReconciliation()
    {
        var s = await RoundKit.SetupAsync(app);
        await RoundKit.HouseholdAsync(s.Grid1, s.Tree.Grid1.Id, ("在册", []));
        var round = await RoundKit.OpenAsync(s.Township, s.Tree.Township1.Id);
        var sampler = await RoundKit.SamplerAsync(app, s.Tree.Township1.Id);
        var number = RegistryArrange.NewIdNumber();
        var response = await sampler.PostAsJsonAsync($"/api/testing-rounds/{round.Id}/samplings",
            new { clientId = Guid.NewGuid(), tube = RoundKit.NewBarcode(), poolSize = 1, idNumber = number, name = "访客丙" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);

        var list = await s.Township.GetFromJsonAsync<List<ListUnregistered.Item>>($"/api/testing-rounds/{round.Id}/unregistered", TestJson.Options);
        var board = await s.Township.GetFromJsonAsync<RoundCoverage.Board>($"/api/testing-rounds/{round.Id}/coverage", TestJson.Options);

        var item = Assert.Single(list!);
        Assert.Equal("访客丙", item.Name);
        Assert.Equal(number[..4], item.IdNumber[..4]);
        Assert.NotEqual(number, item.IdNumber);
        Assert.Equal(1, board!.Unregistered);
        Assert.Equal(0, board.Node.Sampled);
    }

    [Fact]
    public async Task Coverage_VillageOfficerInsideTheRound_SeesOwnVillageOnly_OtherTownshipNotFound()
    {
        var s = await RoundKit.SetupAsync(app);
        await RoundKit.HouseholdAsync(s.Grid1, s.Tree.Grid1.Id, ("甲", []));
        var round = await RoundKit.OpenAsync(s.Township, s.Tree.Township1.Id);
        var village = await app.ApiClientAsync(await TestUsers.CreateAsync(app, (Role.VillageOfficer, s.Tree.Village1.Id)));
        var other = await app.ApiClientAsync(await TestUsers.CreateAsync(app, (Role.TownshipOfficer, s.Tree.Township2.Id)));

        var own = await village.GetFromJsonAsync<RoundCoverage.Board>($"/api/testing-rounds/{round.Id}/coverage", TestJson.Options);
        var up = await village.GetAsync($"/api/testing-rounds/{round.Id}/coverage?node={s.Tree.Township1.Id}");
        var stranger = await other.GetAsync($"/api/testing-rounds/{round.Id}/coverage");
        var missing = await other.GetAsync($"/api/testing-rounds/{round.Id}/missing?node={s.Tree.Grid1.Id}");

        Assert.Equal(s.Tree.Village1.Id, own!.Node.NodeId);
        Assert.Equal(1, own.Node.Expected);
        Assert.Equal(HttpStatusCode.NotFound, up.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, stranger.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }
}
