using System.Net;
using System.Net.Http.Json;
using GridGuard.Features.Jurisdictions;
using GridGuard.Features.Jurisdictions.Import;
using GridGuard.Platform.Audit;
using GridGuard.Platform.Auth;
using GridGuard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static GridGuard.Tests.Features.Jurisdictions.Import.ImportApi;

namespace GridGuard.Tests.Features.Jurisdictions.Import;

/// <summary>The import through the API: what is written, what is refused, and that a refused file writes nothing.</summary>
[Collection(AppCollection.Name)]
public sealed class ImportJurisdictionsTests(AppFactory app)
{
    [Fact]
    public async Task Import_GoodDivisionFiles_WritesTreeWithParentsPathsAndOneAuditLine()
    {
        var tree = await TestTree.CreateAsync(app);
        var first = await app.ApiClientAsync(await TestUsers.CreateAsync(app, (Role.Admin, tree.County.Id)));
        var c = TestTree.NewCountyCode();

        // A county whose city is not in the tree starts a tree of its own: only an Admin may do that. Its own Admin
        // then imports below it.
        var areas = await ImportOkAsync(first, "areas.csv", Csv("code,name,cityCode,provinceCode",
            $"{c},\"新县{c}\",{c[..4]},{c[..2]}"));
        var admin = await app.ApiClientAsync(await TestUsers.CreateAsync(app,
            (Role.Admin, await app.WithDbAsync(db => db.Jurisdictions.Where(j => j.Code == c).Select(j => j.Id).SingleAsync()))));
        var streets = await ImportOkAsync(admin, "streets.csv", Csv("code,name,areaCode,provinceCode,cityCode",
            $"{c}100,\"甲镇\",{c},{c[..2]},{c[..4]}", $"{c}101,\"乙街道\",{c},{c[..2]},{c[..4]}"));
        var villages = await ImportOkAsync(admin, "villages.csv", Csv("code,name,streetCode,provinceCode,cityCode,areaCode",
            $"{c}100200,\"丙村委会\",{c}100,{c[..2]},{c[..4]},{c}", $"{c}101001,\"丁社区居委会\",{c}101,{c[..2]},{c[..4]},{c}"));

        Assert.Equal((1, 1), (areas.Rows, areas.Inserted));
        Assert.Equal((2, 2, true), (streets.Rows, streets.Inserted, streets.Written));
        Assert.Equal((2, 0, 0, 0), (villages.Inserted, villages.Updated, villages.Unchanged, villages.Moved));
        var nodes = await app.WithDbAsync(db => db.Jurisdictions.AsNoTracking()
            .Where(j => j.Code.StartsWith(c)).ToDictionaryAsync(j => j.Code));
        Assert.Equal(5, nodes.Count);
        var county = nodes[c];
        Assert.Equal((null, $"/{c}/", 0, JurisdictionLevel.County), (county.ParentId, county.Path, county.Depth, county.Level));
        var rural = nodes[c + "100200"];
        Assert.Equal((nodes[c + "100"].Id, $"/{c}/{c}100/{c}100200/", 2, JurisdictionLevel.Village, Settlement.Rural),
            (rural.ParentId, rural.Path, rural.Depth, rural.Level, rural.Settlement));
        Assert.Equal(Settlement.Urban, nodes[c + "101001"].Settlement);
        Assert.True(rural.IsActive);
        Assert.Equal(app.Clock.GetUtcNow().UtcDateTime, rural.CreatedAt);

        var audit = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.Action == AuditAction.Bulk && a.JurisdictionId == county.Id).ToListAsync());
        Assert.Equal(3, audit.Count); // areas.csv (the county itself), streets.csv and villages.csv (below it)
        Assert.Contains(audit, a => a.Changes.Contains("\"source\":\"villages.csv\"", StringComparison.Ordinal)
                                    && a.Changes.Contains("\"inserted\":2", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Import_NodesFileInOwnVillage_WritesCompoundsAndGrids()
    {
        var tree = await TestTree.CreateAsync(app);
        var village = tree.Village1;
        var client = await app.ApiClientAsync(await TestUsers.CreateAsync(app, (Role.VillageOfficer, village.Id)));
        var v = village.Code;

        var report = await ImportOkAsync(client, "nodes.csv", Csv(NodesHeader,
            $"{v}002001,新寨第一网格,网格,{v}002,", $"{v}002,新寨小组,小组,{v},"));

        Assert.Equal((2, 2), (report.Rows, report.Inserted));
        var grid = await app.WithDbAsync(db => db.Jurisdictions.AsNoTracking().SingleAsync(j => j.Code == v + "002001"));
        Assert.Equal(($"{village.Path}{v}002/{v}002001/", village.Depth + 2, JurisdictionLevel.Grid, Settlement.Rural),
            (grid.Path, grid.Depth, grid.Level, grid.Settlement));
    }

    [Fact]
    public async Task Import_FileWithBadRows_ReportsEveryLineAndWritesNothing()
    {
        var tree = await TestTree.CreateAsync(app);
        var client = await app.ApiClientAsync(await TestUsers.CreateAsync(app, (Role.CountyCommander, tree.County.Id)));
        var v = tree.Village1.Code;

        var response = await PostAsync(client, "nodes.csv", Csv(NodesHeader,
            $"{v}002,好小组,小组,{v},",                       // line 2: good, but the file has errors
            $"{v}999001,孤儿网格,网格,{v}999,",                 // line 3: unknown parent
            $"{v}03,短代码小组,小组,{v},",                      // line 4: bad code length
            $"{v}002,重复小组,小组,{v},",                       // line 5: duplicate of line 2
            $"{tree.Village2.Code}004,别村小组,小组,{v},",      // line 6: does not extend its parent
            $"{v}005,,小组,{v},"));                            // line 7: empty name

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var report = (await response.Content.ReadFromJsonAsync<ImportReport>(TestJson.Options))!;
        Assert.False(report.Written);
        Assert.Equal(
            new[] { (3, "parentCode"), (4, "code"), (5, "code"), (6, "code"), (7, "name") },
            report.Errors.Select(e => (e.Line, e.Field)).ToArray());
        Assert.Contains("不存在", report.Errors[0].Message, StringComparison.Ordinal);
        Assert.Contains("应为上级代码加 3 位", report.Errors[1].Message, StringComparison.Ordinal);
        Assert.Contains("与第 2 行重复", report.Errors[2].Message, StringComparison.Ordinal);
        Assert.Contains("不是上级代码", report.Errors[3].Message, StringComparison.Ordinal);
        Assert.Contains("名称不能为空", report.Errors[4].Message, StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(db => db.Jurisdictions.AnyAsync(j => j.Code == v + "002")));
    }

    [Fact]
    public async Task Import_SameFileTwice_UpdatesByCodeWithoutDuplicates()
    {
        var tree = await TestTree.CreateAsync(app);
        var client = await app.ApiClientAsync(await TestUsers.CreateAsync(app, (Role.TownshipOfficer, tree.Township1.Id)));
        var v = tree.Village1.Code;
        string File(string name) => Csv(NodesHeader, $"{v}002,{name},小组,{v},", $"{v}002001,一网格,网格,{v}002,",
            $"{v}002002,二网格,网格,{v}002,");

        var first = await ImportOkAsync(client, "nodes.csv", File("新寨小组"));
        app.Clock.Advance(TimeSpan.FromHours(1));
        var again = await ImportOkAsync(client, "nodes.csv", File("新寨小组"));
        var renamed = await ImportOkAsync(client, "nodes.csv", File("新寨村民小组"));

        Assert.Equal((3, 0, 0), (first.Inserted, first.Updated, first.Unchanged));
        Assert.Equal((0, 0, 3), (again.Inserted, again.Updated, again.Unchanged));
        Assert.Equal((0, 1, 2), (renamed.Inserted, renamed.Updated, renamed.Unchanged));
        var compound = await app.WithDbAsync(db => db.Jurisdictions.AsNoTracking().Where(j => j.Code == v + "002").ToListAsync());
        var node = Assert.Single(compound);
        Assert.Equal("新寨村民小组", node.Name);
        Assert.True(node.UpdatedAt > node.CreatedAt);
        Assert.Equal(3, await app.WithDbAsync(db => db.Jurisdictions.CountAsync(j => j.Code.StartsWith(v + "002"))));
    }

    [Fact]
    public async Task Import_ParentArrivesLater_MovesNodeWithItsSubtree()
    {
        var tree = await TestTree.CreateAsync(app);
        var first = await app.ApiClientAsync(await TestUsers.CreateAsync(app, (Role.Admin, tree.County.Id)));
        var c = tree.County.Code;
        var village = $"{c}102200";
        const string villagesHeader = "code,name,streetCode,provinceCode,cityCode,areaCode";
        string Village() => Csv(villagesHeader, $"{village},戊村委会,{c}102,{c[..2]},{c[..4]},{c}");

        // The village comes first: its township is unknown, so it starts a tree of its own, and gets a subtree.
        await ImportOkAsync(first, "villages.csv", Village());
        var admin = await app.ApiClientAsync(await TestUsers.CreateAsync(app, (Role.Admin, tree.County.Id),
            (Role.Admin, await app.WithDbAsync(db => db.Jurisdictions.Where(j => j.Code == village).Select(j => j.Id).SingleAsync()))));
        await ImportOkAsync(admin, "nodes.csv", Csv(NodesHeader, $"{village}001,戊寨小组,小组,{village},",
            $"{village}001001,戊寨网格,网格,{village}001,"));
        await ImportOkAsync(admin, "streets.csv", Csv("code,name,areaCode,provinceCode,cityCode", $"{c}102,丙镇,{c},{c[..2]},{c[..4]}"));

        var moved = await ImportOkAsync(admin, "villages.csv", Village());

        Assert.Equal((1, 1, 2), (moved.Updated, moved.Moved, moved.MovedDescendants));
        var nodes = await app.WithDbAsync(db => db.Jurisdictions.AsNoTracking()
            .Where(j => j.Code.StartsWith(c + "102")).ToDictionaryAsync(j => j.Code));
        var basePath = $"{tree.County.Path}{c}102/{village}/";
        Assert.Equal((nodes[c + "102"].Id, basePath, 2), (nodes[village].ParentId, nodes[village].Path, nodes[village].Depth));
        Assert.Equal(($"{basePath}{village}001/", 3), (nodes[village + "001"].Path, nodes[village + "001"].Depth));
        Assert.Equal(($"{basePath}{village}001/{village}001001/", 4), (nodes[village + "001001"].Path, nodes[village + "001001"].Depth));
    }

    [Fact]
    public async Task Import_RowsOutsideScope_AreRowErrorsAndNothingIsWritten()
    {
        var tree = await TestTree.CreateAsync(app);
        var client = await app.ApiClientAsync(await TestUsers.CreateAsync(app, (Role.VillageOfficer, tree.Village1.Id)));
        var (v1, v2) = (tree.Village1.Code, tree.Village2.Code);

        var response = await PostAsync(client, "nodes.csv", Csv(NodesHeader,
            $"{v1}002,本村小组,小组,{v1},", $"{v2}002,别村小区,小区,{v2},"));
        var root = await PostAsync(client, "areas.csv", Csv("code,name,cityCode,provinceCode", $"{TestTree.NewCountyCode()},新县,,"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var error = Assert.Single((await response.Content.ReadFromJsonAsync<ImportReport>(TestJson.Options))!.Errors);
        Assert.Equal((3, "parentCode"), (error.Line, error.Field));
        Assert.Contains("不在您的管辖范围内", error.Message, StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(db => db.Jurisdictions.AnyAsync(j => j.Code == v1 + "002")));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, root.StatusCode);
        Assert.Contains("系统管理员", (await root.Content.ReadFromJsonAsync<ImportReport>(TestJson.Options))!.Errors.Single().Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_UserWhoIsNotATreeEditor_Gets403Problem()
    {
        var tree = await TestTree.CreateAsync(app);
        var client = await app.ApiClientAsync(await TestUsers.CreateAsync(app, (Role.GridManager, tree.Village1.Id)));

        var response = await PostAsync(client, "nodes.csv", Csv(NodesHeader, $"{tree.Village1.Code}002,小组,小组,{tree.Village1.Code},"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("可以导入区划", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
