using System.Net;
using GridGuard.Features.Canvassing;
using GridGuard.Features.Households;
using GridGuard.Features.Households.Export;
using GridGuard.Platform.Audit;
using GridGuard.Platform.Auth;
using GridGuard.Tests.Features.Households.Stewardship;
using GridGuard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace GridGuard.Tests.Features.Households.Export;

[Collection(AppCollection.Name)]
public sealed class ExportRosterTests(AppFactory app)
{
    private static async Task<List<IDictionary<string, object?>>> ReadAsync(HttpResponseMessage response)
    {
        using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        return MiniExcel.Query(stream, useHeaderRow: true, excelType: ExcelType.XLSX)
            .Cast<IDictionary<string, object?>>()
            .ToList();
    }

    private static List<string> Headers(byte[] xlsx)
    {
        using var stream = new MemoryStream(xlsx);
        var first = (IDictionary<string, object?>)MiniExcel.Query(stream, excelType: ExcelType.XLSX).First();
        return first.Values.Select(v => v?.ToString() ?? "").ToList();
    }

    [Fact]
    public async Task ExportRoster_Grid_HasSeedColumnsOneRowPerHouseholdMaskedIdAndNeutralisedCells()
    {
        var tree = await TestTree.CreateAsync(app);
        var steward = await StewardshipData.StewardAsync(app, tree.Grid1.Id, "李包保", "13912345678");
        var (_, first) = await StewardshipData.AddHouseholdAsync(app, tree.Grid1.Id, null, "12", "东头", steward.Id,
            new MemberSpec("王大", 45, Phone: "13800001111"),
            new MemberSpec("王奶奶", 82, [VulnerableGroup.ChronicDisease]),
            new MemberSpec("王小", 2, Flags: [KeyPersonCategory.Fever]));
        await StewardshipData.AddHouseholdAsync(app, tree.Grid1.Id, null, "13", null, null,
            new MemberSpec("=cmd|' /C calc'!A0", 30, Phone: "+8613800002222"));
        await StewardshipData.AddHouseholdsAsync(app, tree.Grid1.Id, 1);
        var client = await app.ApiClientAsync(await TestUsers.CreateAsync(app, (Role.GridLeader, tree.Village1.Id)));

        var response = await client.GetAsync($"/api/stewardship/roster.xlsx?jurisdictionId={tree.Grid1.Id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(ExportRoster.ContentType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"网格联户包保清单_{tree.Grid1.Name}_20261124.xlsx", response.Content.Headers.ContentDisposition?.FileNameStar);
        Assert.Equal($"roster-{tree.Grid1.Code}-20261124.xlsx", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        Assert.Equal(RosterRow.Headers, Headers(await response.Content.ReadAsByteArrayAsync()));
        var rows = await ReadAsync(response);
        Assert.Equal(3, rows.Count);
        var wang = Assert.Single(rows, r => (string?)r["户主"] == "王大");
        Assert.Equal(tree.Grid1.Name, wang["网格"]);
        Assert.Equal(("李包保", "13912345678"), ((string?)wang["包户责任人"], (string?)wang["责任人电话"]));
        Assert.Equal($"{tree.Village1.Name} 大寨小组 12室 东头", wang["地址"]);
        Assert.Equal(IdNumbers.Mask(first[0].IdNumber), wang["户主证件号码"]);
        Assert.Contains("**********", (string?)wang["户主证件号码"], StringComparison.Ordinal);
        Assert.Equal("13800001111", wang["户主电话"]);
        Assert.Equal(3, Convert.ToInt32(wang["家庭人数"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("王大；王奶奶：60岁以上老人、80岁以上高龄老人、慢性病患者；王小：婴幼儿（3岁以下）、儿童（14岁及以下）",
            wang["家庭成员及特殊群体"]);
        Assert.Equal("王小：发热人员（待核实）", wang["重点人员标记"]);
        var injected = Assert.Single(rows, r => ((string?)r["户主"])?.Contains("cmd", StringComparison.Ordinal) == true);
        Assert.Equal("'=cmd|' /C calc'!A0", injected["户主"]);
        Assert.Equal("'+8613800002222", injected["户主电话"]);
        Assert.Equal("未分配", injected["包户责任人"]);
        Assert.Single(rows, r => r["户主"] is null or "");
    }

    [Fact]
    public async Task ExportRoster_Village_HasOnlyTheVillagesHouseholds()
    {
        var tree = await TestTree.CreateAsync(app);
        await StewardshipData.AddHouseholdAsync(app, tree.Grid1.Id, null, "1", null, null, new MemberSpec("本村甲"));
        await StewardshipData.AddHouseholdAsync(app, tree.Grid1.Id, null, "2", null, null, new MemberSpec("本村乙"));
        await StewardshipData.AddHouseholdAsync(app, tree.Grid3.Id, null, "1", null, null, new MemberSpec("外村丙"));
        await StewardshipData.AddHouseholdAsync(app, tree.UrbanGrid().Id, "2", "301", null, null, new MemberSpec("社区丁"));
        var client = await app.ApiClientAsync(await TestUsers.CreateAsync(app, (Role.VillageOfficer, tree.Village1.Id)));

        var response = await client.GetAsync($"/api/stewardship/roster.xlsx?jurisdictionId={tree.Village1.Id}");

        var heads = (await ReadAsync(response)).Select(r => (string?)r["户主"]).Order(StringComparer.Ordinal);
        Assert.Equal(new[] { "本村甲", "本村乙" }.Order(StringComparer.Ordinal), heads);
    }

    [Fact]
    public async Task ExportRoster_MoreHouseholdsThanOneBatch_HasEachHouseholdOnce()
    {
        var tree = await TestTree.CreateAsync(app);
        var steward = await StewardshipData.StewardAsync(app, tree.Township1.Id, "批量");
        var count = RosterRows.BatchSize + 30;
        var rural = await StewardshipData.AddHouseholdsAsync(app, tree.Grid1.Id, count / 2, steward.Id);
        var urban = await StewardshipData.AddHouseholdsAsync(app, tree.UrbanGrid().Id, count - count / 2);
        var client = await app.ApiClientAsync(await TestUsers.CreateAsync(app, (Role.TownshipOfficer, tree.Township1.Id)));

        var response = await client.GetAsync($"/api/stewardship/roster.xlsx?jurisdictionId={tree.Township1.Id}");

        var rows = await ReadAsync(response);
        Assert.Equal(count, rows.Count);
        Assert.Equal(rural.Count, rows.Count(r => (string?)r["网格"] == tree.Grid1.Name && (string?)r["包户责任人"] == "批量"));
        Assert.Equal(urban.Count, rows.Count(r => (string?)r["网格"] == tree.UrbanGrid().Name && (string?)r["包户责任人"] == "未分配"));
        Assert.Equal(count, rows.Select(r => ((string?)r["网格"], (string?)r["地址"])).Distinct().Count());
        // Tree order (the community's grid sorts before the village's), then address order within a grid.
        Assert.Equal(urban.Count, rows.TakeWhile(r => (string?)r["网格"] == tree.UrbanGrid().Name).Count());
        Assert.EndsWith(" 101室", (string?)rows[0]["地址"], StringComparison.Ordinal);
        Assert.EndsWith(" 102室", (string?)rows[1]["地址"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExportRoster_GridOfAnotherVillage_Returns404()
    {
        var tree = await TestTree.CreateAsync(app);
        await StewardshipData.AddHouseholdsAsync(app, tree.Grid3.Id, 1);
        var client = await app.ApiClientAsync(await TestUsers.CreateAsync(app, (Role.GridManager, tree.Grid1.Id)));

        var response = await client.GetAsync($"/api/stewardship/roster.xlsx?jurisdictionId={tree.Grid3.Id}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task ExportRoster_FullIdNumbersAsViewer_ShowsWholeNumbersAndAuditsOneView()
    {
        var tree = await TestTree.CreateAsync(app);
        var (_, members) = await StewardshipData.AddHouseholdAsync(app, tree.Grid1.Id, null, "8", null, null, new MemberSpec("赵户主"));
        var officer = await TestUsers.CreateAsync(app, (Role.VillageOfficer, tree.Village1.Id));
        var client = await app.ApiClientAsync(officer);

        var response = await client.GetAsync($"/api/stewardship/roster.xlsx?jurisdictionId={tree.Grid1.Id}&fullIdNumbers=true");

        var row = Assert.Single(await ReadAsync(response));
        Assert.Equal(members[0].IdNumber, row["户主证件号码"]);
        var audit = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.UserId == officer.Id && a.Action == AuditAction.Viewed)
            .ToListAsync());
        var entry = Assert.Single(audit);
        Assert.Equal(tree.Grid1.Id, entry.JurisdictionId);
        Assert.Contains("\"IdNumbersShown\":1", entry.Changes, StringComparison.Ordinal);
        Assert.Contains("网格联户包保清单", entry.Changes, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExportRoster_MaskedAsViewer_WritesNoViewedAudit()
    {
        var tree = await TestTree.CreateAsync(app);
        await StewardshipData.AddHouseholdAsync(app, tree.Grid1.Id, null, "8", null, null, new MemberSpec("钱户主"));
        var officer = await TestUsers.CreateAsync(app, (Role.VillageOfficer, tree.Village1.Id));
        var client = await app.ApiClientAsync(officer);

        var response = await client.GetAsync($"/api/stewardship/roster.xlsx?jurisdictionId={tree.Grid1.Id}");

        Assert.Contains("*", (string?)Assert.Single(await ReadAsync(response))["户主证件号码"], StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.UserId == officer.Id && a.Action == AuditAction.Viewed)));
    }

    [Fact]
    public async Task ExportRoster_FullIdNumbersAsNonViewer_Returns403()
    {
        var tree = await TestTree.CreateAsync(app);
        var client = await app.ApiClientAsync(await TestUsers.CreateAsync(app, (Role.GridLeader, tree.Village1.Id)));

        var response = await client.GetAsync($"/api/stewardship/roster.xlsx?jurisdictionId={tree.Grid1.Id}&fullIdNumbers=true");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("证件号码：", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
