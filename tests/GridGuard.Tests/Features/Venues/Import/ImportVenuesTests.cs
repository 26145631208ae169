using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using GridGuard.Features.Households.Import;
using GridGuard.Features.Venues;
using GridGuard.Platform.Audit;
using GridGuard.Platform.Auth;
using GridGuard.Tests.Features.Households;
using GridGuard.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Tests.Features.Venues.Import;

[Collection(AppCollection.Name)]
public sealed class ImportVenuesTests(AppFactory app)
{
    private async Task<(TestTree Tree, HttpClient Client)> VillageOfficerAsync()
    {
        var tree = await TestTree.CreateAsync(app);
        var user = await TestUsers.CreateAsync(app, (Role.VillageOfficer, tree.Village1.Id));
        return (tree, await app.ApiClientAsync(user));
    }

    private Task<List<Venue>> VenuesAsync(string tag) =>
        app.WithDbAsync(db => db.Venues.AsNoTracking().Where(v => v.Name.StartsWith(tag)).OrderBy(v => v.Name).ToListAsync());

    [Fact]
    public async Task ImportVenues_GoodCsv_RegistersEachVenue()
    {
        var (tree, client) = await VillageOfficerAsync();
        var tag = VenueData.NewTag();
        var grid = tree.Grid1.Code;

        var report = await VenueFiles.ImportAsync(client, VenueFiles.Csv(
        [
            new(grid, tag + "1农贸市场", "农贸市场", "李四", "13812345678", "5", "大寨小组路口"),
            new(grid, tag + "2宾馆", "宾馆", "王五", "0877-2123456"),
        ]), "场所.csv");

        Assert.Empty(report.Errors);
        Assert.Equal((2, 2, 0, 2, 0, 0), (report.Rows, report.Imported, report.RejectedRows, report.Created, report.Updated, report.Unchanged));
        Assert.Equal([new RowRange(3, 4)], report.ImportedRows);
        var venues = await VenuesAsync(tag);
        Assert.Equal(
            [(VenueKind.Market, "李四", "13812345678", 5, "大寨小组路口"), (VenueKind.Hotel, "王五", "0877-2123456", 0, null)],
            venues.Select(v => (v.Kind, v.ResponsibleName, v.ResponsiblePhone, v.NonLocalStaff, v.Address)));
        Assert.All(venues, v => Assert.Equal((tree.Grid1.Id, true), (v.JurisdictionId, v.IsActive)));
    }

    [Fact]
    public async Task ImportVenues_XlsxWithNumberCells_IsRead()
    {
        var (tree, client) = await VillageOfficerAsync();
        var tag = VenueData.NewTag();
        // Phone and staff typed into general cells: Excel stores them as numbers.
        var bytes = VenueFiles.Xlsx([new(tree.Grid1.Code, tag + "药店", "Pharmacy", "赵六", "13900001111", "2")],
            (i, v) => i is 5 or 6 ? double.Parse(v, CultureInfo.InvariantCulture) : null);

        var report = await VenueFiles.ImportAsync(client, bytes, "场所.xlsx");

        Assert.Empty(report.Errors);
        var venue = Assert.Single(await VenuesAsync(tag));
        Assert.Equal((VenueKind.Pharmacy, "13900001111", 2), (venue.Kind, venue.ResponsiblePhone, venue.NonLocalStaff));
    }

    [Fact]
    public async Task ImportVenues_MixedFile_ImportsTheGoodRowsAndReportsEachBadRow()
    {
        var (tree, client) = await VillageOfficerAsync();
        var tag = VenueData.NewTag();
        var grid = tree.Grid1.Code;
        VenueLine[] lines =
        [
            new(grid, tag + "好", "企业", "甲"),                                 // 3
            new(grid, "", "企业", "乙"),                                        // 4
            new(grid, tag + "赌场", "赌场", "丙"),                              // 5
            new(grid, tag + "短号", "餐饮", "丁", Phone: "138123"),             // 6
            new(grid, tag + "半人", "餐饮", "戊", Staff: "2.5"),                // 7
            new(grid, tag + "公式", "餐饮", "己", Address: "=cmd|' /C calc'!A0"), // 8
            new(grid, tag + "好", "学校", "庚"),                                 // 9: same venue as row 3
            new(tree.Village1.Code, tag + "村级", "企业", "辛"),                 // 10
            new("999999999999999999", tag + "无网格", "企业", "壬"),             // 11
            new(grid, tag + "无负责人", "企业", ""),                             // 12
        ];

        var report = await VenueFiles.ImportAsync(client, VenueFiles.Csv(lines), "混合.csv");

        Assert.Equal((10, 1, 9, 1), (report.Rows, report.Imported, report.RejectedRows, report.Created));
        Assert.Equal([new RowRange(3, 3)], report.ImportedRows);
        Assert.Equal(
            [
                (4, "场所名称"), (5, "类型"), (6, "联系电话"), (7, "外地员工数"), (8, "地址"), (9, "场所名称"), (10, "网格代码"),
                (11, "网格代码"), (12, "负责人"),
            ],
            report.Errors.Select(e => (e.Row, e.Column)));
        string Message(int row) => report.Errors.Single(e => e.Row == row).Message;
        Assert.Equal("场所名称：不能为空", Message(4));
        Assert.StartsWith("类型：“赌场”无法识别，应为 企业、景区", Message(5), StringComparison.Ordinal);
        Assert.StartsWith("联系电话：应为 11 位手机号码", Message(6), StringComparison.Ordinal);
        Assert.Equal("外地员工数：“2.5”不是 0 到 1000000 之间的整数", Message(7));
        Assert.Equal("地址：不能以 = + - @ 开头（可能是公式），请删除开头的符号", Message(8));
        Assert.Equal("场所名称：与第 3 行是同一网格的同一场所，请合并为一行", Message(9));
        Assert.Equal($"网格代码：“{tree.Village1.Code}”是村（社区），请填写其下网格的代码", Message(10));
        Assert.Equal("网格代码：“999999999999999999”不存在或不在您的管辖范围内", Message(11));
        Assert.Equal("负责人：不能为空", Message(12));
        Assert.Equal(tag + "赌场", report.Errors.Single(e => e.Row == 5).Name);
        Assert.Equal([tag + "好"], (await VenuesAsync(tag)).Select(v => v.Name));
        Assert.Equal(VenueKind.Enterprise, (await VenuesAsync(tag)).Single().Kind);
    }

    [Fact]
    public async Task ImportVenues_SameFileAgain_ChangesNothingAndDuplicatesNothing()
    {
        var (tree, client) = await VillageOfficerAsync();
        var tag = VenueData.NewTag();
        var file = VenueFiles.Csv(
        [
            new(tree.Grid1.Code, tag + "甲", "企业", "甲", "13812345678", "3", "一号路"),
            new(tree.Grid1.Code, tag + "乙", "学校", "乙"),
        ]);
        await VenueFiles.ImportAsync(client, file, "a.csv");
        var before = await VenuesAsync(tag);

        var again = await VenueFiles.ImportAsync(client, file, "a.csv");

        Assert.Equal((2, 0, 0, 2), (again.Imported, again.Created, again.Updated, again.Unchanged));
        var after = await VenuesAsync(tag);
        Assert.Equal(before.Select(v => (v.Id, v.UpdatedAt)), after.Select(v => (v.Id, v.UpdatedAt)));
    }

    [Fact]
    public async Task ImportVenues_ChangedRow_UpdatesTheVenueKeepsEmptyCellsAndAuditsTheChange()
    {
        var (tree, client) = await VillageOfficerAsync();
        var tag = VenueData.NewTag();
        await VenueFiles.ImportAsync(client, VenueFiles.Csv([new(tree.Grid1.Code, tag + "厂", "企业", "甲", "13812345678", "3", "一号路")]), "a.csv");
        var id = (await VenuesAsync(tag)).Single().Id;

        // Fixed the row: a new responsible person and staff count; phone and address left empty (= keep).
        var report = await VenueFiles.ImportAsync(client,
            VenueFiles.Csv([new(tree.Grid1.Code, " " + tag + "厂 ", "工业园区", "乙", Staff: "9")]), "b.csv");

        Assert.Equal((1, 0, 1, 0), (report.Imported, report.Created, report.Updated, report.Unchanged));
        var venue = Assert.Single(await VenuesAsync(tag));
        Assert.Equal((id, VenueKind.IndustrialPark, "乙", 9, "13812345678", "一号路"),
            (venue.Id, venue.Kind, venue.ResponsibleName, venue.NonLocalStaff, venue.ResponsiblePhone, venue.Address));
        var audit = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.Entity == nameof(Venue) && a.EntityId == id.ToString() && a.Action == AuditAction.Modified).ToListAsync());
        Assert.Contains("\"NonLocalStaff\":[3,9]", Assert.Single(audit).Changes, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportVenues_GridOutsideScope_IsARowErrorAndNothingIsWritten()
    {
        var g = await RegistryArrange.TwoGridsAsync(app);
        var tag = VenueData.NewTag();

        var report = await VenueFiles.ImportAsync(g.A, VenueFiles.Csv(
        [
            new(g.Tree.Grid1.Code, tag + "自己的", "企业", "甲"),
            new(g.Tree.Grid3.Code, tag + "别人的", "企业", "乙"),
        ]), "scope.csv");

        var error = Assert.Single(report.Errors);
        Assert.Equal((4, "网格代码", $"网格代码：“{g.Tree.Grid3.Code}”不存在或不在您的管辖范围内"), (error.Row, error.Column, error.Message));
        Assert.Equal([tag + "自己的"], (await VenuesAsync(tag)).Select(v => v.Name));
    }

    [Fact]
    public async Task ImportVenues_FormulaCellInXlsx_IsARowErrorNeverEvaluated()
    {
        var (tree, client) = await VillageOfficerAsync();
        var tag = VenueData.NewTag();

        var report = await VenueFiles.ImportAsync(client, VenueFiles.RawXlsx(
        [
            new(tree.Grid1.Code, tag + "正常", "企业", "甲"),
            new(tree.Grid1.Code, tag + "公式", "企业", "乙", Staff: "=1+1"),
        ]), "f.xlsx");

        Assert.Equal([new RowRange(3, 3)], report.ImportedRows);
        var error = Assert.Single(report.Errors);
        Assert.Equal((4, "外地员工数"), (error.Row, error.Column));
        Assert.Contains("公式", error.Message, StringComparison.Ordinal);
        Assert.Equal([tag + "正常"], (await VenuesAsync(tag)).Select(v => v.Name));
    }

    public static TheoryData<string, byte[], HttpStatusCode, string> BadFiles => new()
    {
        { "list.pdf", Encoding.ASCII.GetBytes("%PDF-1.7"), HttpStatusCode.UnsupportedMediaType, "只接受 .xlsx 或 .csv 文件" },
        { "list.xlsx", Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj"), HttpStatusCode.UnsupportedMediaType, "内容不是 Excel 工作簿" },
        { "list.csv", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0], HttpStatusCode.UnsupportedMediaType, "内容不是文本 CSV" },
        { "list.csv", Encoding.UTF8.GetBytes("姓名,证件号码\n张三,1\n"), HttpStatusCode.BadRequest, "应含“网格代码”“场所名称”“类型”等列" },
        { "list.csv", Encoding.UTF8.GetBytes("网格代码,场所名称,地址\n1,某,某\n"), HttpStatusCode.BadRequest, "缺少必需的列 “类型”、“负责人”" },
        { "list.csv", Encoding.UTF8.GetBytes(VenueFiles.Header + "\n"), HttpStatusCode.BadRequest, "表头下面没有任何数据行" },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public async Task ImportVenues_FileThatIsNotAVenueList_IsRefusedInChinese(string fileName, byte[] bytes, HttpStatusCode status, string message)
    {
        var (_, client) = await VillageOfficerAsync();

        var response = await VenueFiles.PostAsync(client, bytes, fileName);

        Assert.Equal(status, response.StatusCode);
        Assert.Contains(message, (await Problem.ReadAsync(response)).Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportVenues_TruncatedXlsx_Returns400AndWritesNothing()
    {
        var (tree, client) = await VillageOfficerAsync();
        var tag = VenueData.NewTag();
        var bytes = VenueFiles.Xlsx(Enumerable.Range(0, 50).Select(i => new VenueLine(tree.Grid1.Code, tag + i, "企业", "甲")));

        var response = await VenueFiles.PostAsync(client, bytes[..(bytes.Length / 2)], "cut.xlsx");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("已损坏或不完整", (await Problem.ReadAsync(response)).Detail, StringComparison.Ordinal);
        Assert.Empty(await VenuesAsync(tag));
    }

    [Fact]
    public async Task ImportVenues_FileOverTheLimit_Returns413InChinese()
    {
        var tree = await TestTree.CreateAsync(app);
        var user = await TestUsers.CreateAsync(app, (Role.VillageOfficer, tree.Village1.Id));
        using var small = app.WithWebHostBuilder(b => b.UseSetting("Import:MaxUploadBytes", "2048"));
        var client = small.CreateClient();
        var token = await (await client.PostAsJsonAsync("/api/auth/token", new { userName = user.UserName, password = user.Password }))
            .Content.ReadFromJsonAsync<Dictionary<string, object>>(TestJson.Options);
        client.DefaultRequestHeaders.Authorization = new("Bearer", token!["accessToken"].ToString());
        var bytes = VenueFiles.Csv(Enumerable.Range(0, 60).Select(i => new VenueLine(tree.Grid1.Code, "场所" + i, "企业", "甲")));
        Assert.True(bytes.Length > 2048);

        var response = await VenueFiles.PostAsync(client, bytes, "big.csv");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("超过上限 2 KB", (await Problem.ReadAsync(response)).Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportVenues_UserWithoutRegistryRole_Returns403()
    {
        var tree = await TestTree.CreateAsync(app);
        var client = await app.ApiClientAsync(await TestUsers.CreateAsync(app, (Role.Volunteer, tree.Grid1.Id)));

        var response = await VenueFiles.PostAsync(client, VenueFiles.Csv([new(tree.Grid1.Code, "某", "企业", "甲")]), "x.csv");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("没有导入重点场所的权限", (await Problem.ReadAsync(response)).Detail, StringComparison.Ordinal);
    }
}
