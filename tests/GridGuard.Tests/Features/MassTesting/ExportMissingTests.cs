using System.Net;
using GridGuard.Features.MassTesting.Coverage;
using GridGuard.Platform.Auth;
using GridGuard.Tests.Infrastructure;
using MiniExcelLibs;

namespace GridGuard.Tests.Features.MassTesting;

/// <summary>The missing list as a sheet: the same persons as the list, masked, in scope.</summary>
[Collection(AppCollection.Name)]
public sealed class ExportMissingTests(AppFactory app)
{
    [Fact]
    public async Task ExportMissing_Grid_SheetOfTheUnsampledOnly_IdNumbersMasked()
    {
        var s = await RoundKit.SetupAsync(app);
        var people = await RoundKit.HouseholdAsync(s.Grid1, s.Tree.Grid1.Id, ("已采样甲", []), ("未采样乙", []), ("=未采样丙", []));
        var round = await RoundKit.OpenAsync(s.Township, s.Tree.Township1.Id);
        var sampler = await RoundKit.SamplerAsync(app, s.Tree.Township1.Id);
        await RoundKit.ScanAsync(sampler, round.Id, people[0], RoundKit.NewBarcode(), 1);
        var steward = await app.ApiClientAsync(await TestUsers.CreateAsync(app, (Role.Steward, s.Tree.Grid1.Id)));

        var response = await steward.GetAsync($"/api/testing-rounds/{round.Id}/missing.xlsx?node={s.Tree.Grid1.Id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(ExportMissing.ContentType, response.Content.Headers.ContentType?.MediaType);
        Assert.Matches($"^{ExportMissing.Title}_{s.Tree.Grid1.Name}_\\d{{8}}\\.xlsx$", response.Content.Headers.ContentDisposition?.FileNameStar);
        await using var stream = await response.Content.ReadAsStreamAsync();
        var rows = stream.Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(["'=未采样丙", "未采样乙"], rows.Select(r => r["姓名"]?.ToString()).Order(StringComparer.Ordinal));
        Assert.All(rows, r => Assert.Contains("*", r["证件号码"]?.ToString(), StringComparison.Ordinal));
        Assert.All(rows, r => Assert.False(string.IsNullOrEmpty(r["电话"]?.ToString())));
    }

    [Fact]
    public async Task ExportMissing_OtherTownship_NotFound()
    {
        var s = await RoundKit.SetupAsync(app);
        await RoundKit.HouseholdAsync(s.Grid1, s.Tree.Grid1.Id, ("甲", []));
        var round = await RoundKit.OpenAsync(s.Township, s.Tree.Township1.Id);
        var other = await app.ApiClientAsync(await TestUsers.CreateAsync(app, (Role.TownshipOfficer, s.Tree.Township2.Id)));

        var response = await other.GetAsync($"/api/testing-rounds/{round.Id}/missing.xlsx?node={s.Tree.Grid1.Id}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
