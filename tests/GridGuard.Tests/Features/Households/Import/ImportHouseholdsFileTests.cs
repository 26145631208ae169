using System.Net;
using System.Net.Http.Json;
using System.Text;
using GridGuard.Features.Households;
using GridGuard.Features.Households.Import;
using GridGuard.Platform.Auth;
using GridGuard.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Tests.Features.Households.Import;

/// <summary>Files refused as a whole, cells refused as row errors, and the encodings and formats read.</summary>
[Collection(AppCollection.Name)]
public sealed class ImportHouseholdsFileTests(AppFactory app)
{
    private async Task<(TestTree Tree, HttpClient Client)> VillageOfficerAsync()
    {
        var tree = await TestTree.CreateAsync(app);
        var user = await TestUsers.CreateAsync(app, (Role.VillageOfficer, tree.Village1.Id));
        return (tree, await app.ApiClientAsync(user));
    }

    private static async Task<ProblemDetails> ProblemAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<ProblemDetails>(TestJson.Options))!;

    [Fact]
    public async Task ImportHouseholds_FormulaCellInXlsx_IsRowErrorAndNeverEvaluated()
    {
        var (tree, client) = await VillageOfficerAsync();
        string good = ImportFiles.NewId(), formula = ImportFiles.NewId();
        var table = ImportFiles.Table(
        [
            new(tree.Grid1.Code, "1", "大寨小组1号", "户主", "正常", good),
            new(tree.Grid1.Code, "1", null, "子女", "=HYPERLINK(\"http://x\",\"点我\")", formula),
        ]);

        var report = await ImportFiles.ImportAsync(client, ImportFiles.RawXlsx(table), "f.xlsx");

        Assert.Equal([new RowRange(3, 3)], report.ImportedRows);
        var error = Assert.Single(report.Errors);
        Assert.Equal((4, "姓名"), (error.Row, error.Column));
        Assert.Contains("公式", error.Message, StringComparison.Ordinal);
        Assert.Empty(await app.WithDbAsync(db => db.Persons.Where(p => p.IdNumber == formula).ToListAsync()));
    }

    [Fact]
    public async Task ImportHouseholds_XlsxWithMergedHouseholdCells_ImportsEveryMemberIntoOneHousehold()
    {
        var (tree, client) = await VillageOfficerAsync();
        string head = ImportFiles.NewId(), spouse = ImportFiles.NewId(Sex.Female), child = ImportFiles.NewId(minAge: 5, maxAge: 15);
        var table = ImportFiles.Table(
        [
            new(tree.Grid1.Code, "7", "合并小组7号", "户主", "合并甲", head),
            new("", "", "", "配偶", "合并乙", spouse),
            new("", "", "", "子女", "合并丙", child),
        ]);

        var report = await ImportFiles.ImportAsync(client, ImportFiles.RawXlsx(table, "A3:A5", "B3:B5", "C3:C5"), "merged.xlsx");

        Assert.Empty(report.Errors);
        Assert.Equal([new RowRange(3, 5)], report.ImportedRows);
        var households = await app.WithDbAsync(db => db.Persons.Where(p => p.IdNumber == head || p.IdNumber == spouse || p.IdNumber == child)
            .Select(p => p.HouseholdId).Distinct().ToListAsync());
        var household = Assert.Single(households);
        Assert.Equal("合并小组7号", await app.WithDbAsync(db => db.Households.Where(h => h.Id == household).Select(h => h.Address).SingleAsync()));
    }

    [Theory]
    [InlineData("=1+1")]
    [InlineData("+8613812345678")]
    [InlineData("-2+3")]
    [InlineData("@SUM(A1)")]
    [InlineData("  =cmd|' /C calc'!A0")]
    public async Task ImportHouseholds_CellStartingLikeAFormula_IsRowError(string workplace)
    {
        var (tree, client) = await VillageOfficerAsync();
        var id = ImportFiles.NewId();

        var report = await ImportFiles.ImportAsync(client,
            ImportFiles.Csv([new(tree.Grid1.Code, "1", "大寨小组1号", "户主", "某人", id, Workplace: workplace)]), "f.csv");

        var error = Assert.Single(report.Errors);
        Assert.Equal((3, "工作单位", "工作单位：不能以 = + - @ 开头（可能是公式），请删除开头的符号"), (error.Row, error.Column, error.Message));
        Assert.Empty(report.ImportedRows);
    }

    [Fact]
    public async Task ImportHouseholds_IdNumberStoredAsNumberInXlsx_IsRowError()
    {
        var (tree, client) = await VillageOfficerAsync();
        var id = ImportFiles.NewId();
        while (id.EndsWith('X'))
        {
            id = ImportFiles.NewId(); // a number cell cannot hold an X
        }

        var bytes = ImportFiles.Xlsx([new(tree.Grid1.Code, "1", "大寨小组1号", "户主", "某人", id)],
            (i, v) => i == ImportColumns.IdNumber.Index ? double.Parse(v, System.Globalization.CultureInfo.InvariantCulture) : null);

        var report = await ImportFiles.ImportAsync(client, bytes, "n.xlsx");

        var error = Assert.Single(report.Errors);
        Assert.Equal((3, "证件号码"), (error.Row, error.Column));
        Assert.Contains("设为“文本”", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportHouseholds_Gb18030Csv_ReadsChineseText()
    {
        var (tree, client) = await VillageOfficerAsync();
        var id = ImportFiles.NewId();
        var bytes = ImportFiles.Csv([new(tree.Grid1.Code, "1", "扬武镇大寨小组12号", "户主", "欧阳娜娜", id, Groups: "空巢老人")], ImportFile.Gb18030);
        Assert.Throws<DecoderFallbackException>(() => new UTF8Encoding(false, true).GetString(bytes));

        var report = await ImportFiles.ImportAsync(client, bytes, "gbk.csv");

        Assert.Empty(report.Errors);
        var person = await app.WithDbAsync(db => db.Persons.Include(p => p.Household).Include(p => p.VulnerableGroups).SingleAsync(p => p.IdNumber == id));
        Assert.Equal(("欧阳娜娜", "扬武镇大寨小组12号"), (person.Name, person.Household!.Address));
        Assert.Equal([VulnerableGroup.EmptyNest], person.VulnerableGroups.Select(g => g.Group));
    }

    [Fact]
    public async Task ImportHouseholds_Utf8CsvWithoutBomOrNote_IsRead()
    {
        var (tree, client) = await VillageOfficerAsync();
        var id = ImportFiles.NewId();
        var text = ImportFiles.Header + "\n" + string.Join(",", new PersonLine(tree.Grid1.Code, "1", "大寨小组1号", "户主", "无BOM", id).Cells()) + "\n";

        var report = await ImportFiles.ImportAsync(client, Encoding.UTF8.GetBytes(text), "plain.csv");

        Assert.Empty(report.Errors);
        Assert.Equal([new RowRange(2, 2)], report.ImportedRows);
    }

    public static TheoryData<string, byte[]> NotSpreadsheets => new()
    {
        { "photo.csv", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D] },
        { "list.xlsx", Encoding.ASCII.GetBytes("%PDF-1.7\n%\u00e2\u00e3\n1 0 obj") },
        { "list.xlsx", [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0] },
        { "list.txt", Encoding.UTF8.GetBytes("网格代码,户编号,门牌地址,姓名,证件号码\n") },
        { "list.csv", [0x50, 0x4B, 0x03, 0x04, 1, 2, 3, 4] },
    };

    [Theory]
    [MemberData(nameof(NotSpreadsheets))]
    public async Task ImportHouseholds_NotXlsxOrCsv_Returns415InChinese(string fileName, byte[] bytes)
    {
        var (_, client) = await VillageOfficerAsync();

        var response = await ImportFiles.PostAsync(client, bytes, fileName);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.StartsWith("文件：", (await ProblemAsync(response)).Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportHouseholds_TruncatedXlsx_Returns400()
    {
        var (tree, client) = await VillageOfficerAsync();
        var bytes = ImportFiles.Xlsx([new(tree.Grid1.Code, "1", "大寨小组1号", "户主", "某人", ImportFiles.NewId())]);

        var response = await ImportFiles.PostAsync(client, bytes[..(bytes.Length / 2)], "cut.xlsx");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("已损坏或不完整", (await ProblemAsync(response)).Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportHouseholds_CsvCutInsideAQuotedCell_ImportsTheRowsBeforeAndReportsTheCutRow()
    {
        var (tree, client) = await VillageOfficerAsync();
        var id = ImportFiles.NewId();
        var whole = ImportFiles.Csv([new(tree.Grid1.Code, "1", "大寨小组1号", "户主", "完整", id)]);
        var cut = Encoding.UTF8.GetBytes($"{tree.Grid1.Code},1,\"大寨小组1号，");

        var report = await ImportFiles.ImportAsync(client, [.. whole, .. cut], "cut.csv");

        Assert.Equal([new RowRange(3, 3)], report.ImportedRows);
        Assert.Equal(4, Assert.Single(report.Errors.Select(e => e.Row).Distinct()));
        Assert.Contains(report.Errors, e => e.Message.Contains("引号不配对", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ImportHouseholds_MissingRequiredColumn_Returns400NamingIt()
    {
        var (_, client) = await VillageOfficerAsync();
        var csv = Encoding.UTF8.GetBytes("网格代码,户编号,姓名,证件号码\n1,1,某,\n");

        var response = await ImportFiles.PostAsync(client, csv, "h.csv");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("缺少必需的列 “门牌地址”", (await ProblemAsync(response)).Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportHouseholds_FileOverTheLimit_Returns413InChinese()
    {
        var tree = await TestTree.CreateAsync(app);
        var user = await TestUsers.CreateAsync(app, (Role.VillageOfficer, tree.Village1.Id));
        using var small = app.WithWebHostBuilder(b => b.UseSetting("Import:MaxUploadBytes", "2048"));
        var client = small.CreateClient();
        var token = await (await client.PostAsJsonAsync("/api/auth/token", new { userName = user.UserName, password = user.Password }))
            .Content.ReadFromJsonAsync<Dictionary<string, object>>(TestJson.Options);
        client.DefaultRequestHeaders.Authorization = new("Bearer", token!["accessToken"].ToString());
        var lines = Enumerable.Range(0, 40).Select(i => new PersonLine(tree.Grid1.Code, $"{i}", $"大寨小组{i}号", "户主", "某人", ImportFiles.NewId()));
        var bytes = ImportFiles.Csv(lines);
        Assert.True(bytes.Length > 2048);

        var response = await ImportFiles.PostAsync(client, bytes, "big.csv");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("超过上限 2 KB", (await ProblemAsync(response)).Detail, StringComparison.Ordinal);
    }
}
