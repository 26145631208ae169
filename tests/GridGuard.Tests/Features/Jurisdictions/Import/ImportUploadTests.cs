using System.Net;
using System.Net.Http.Json;
using System.Text;
using GridGuard.Features.Jurisdictions.Import;
using GridGuard.Platform.Auth;
using GridGuard.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using static GridGuard.Tests.Features.Jurisdictions.Import.ImportApi;

namespace GridGuard.Tests.Features.Jurisdictions.Import;

/// <summary>Files refused before any row is read: not CSV, too large. And the template offered for download.</summary>
[Collection(AppCollection.Name)]
public sealed class ImportUploadTests(AppFactory app)
{
    private async Task<(TestTree Tree, HttpClient Client)> EditorAsync()
    {
        var tree = await TestTree.CreateAsync(app);
        return (tree, await app.ApiClientAsync(await TestUsers.CreateAsync(app, (Role.VillageOfficer, tree.Village1.Id))));
    }

    [Theory]
    [InlineData("photo.png", "image/png", "不是 CSV 文件")]
    [InlineData("nodes.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "不是 CSV 文件")]
    [InlineData("nodes.csv", "application/pdf", "内容类型“application/pdf”不是 CSV")]
    public async Task Import_FileThatIsNotCsvByNameOrType_Gets415ChineseProblem(string fileName, string contentType, string expected)
    {
        var (tree, client) = await EditorAsync();
        var v = tree.Village1.Code;

        var response = await PostAsync(client, fileName, Csv(NodesHeader, $"{v}002,小组,小组,{v},"), contentType: contentType);

        await AssertProblemAsync(response, HttpStatusCode.UnsupportedMediaType, expected);
        Assert.False(await app.WithDbAsync(db => db.Jurisdictions.AnyAsync(j => j.Code == v + "002")));
    }

    [Fact]
    public async Task Import_CsvWithUnknownHeader_Gets415ChineseProblem()
    {
        var (_, client) = await EditorAsync();

        var response = await PostAsync(client, "people.csv", Csv("姓名,身份证号", "张三,530427199001011234"));

        await AssertProblemAsync(response, HttpStatusCode.UnsupportedMediaType, "无法识别的表头");
    }

    [Fact]
    public async Task Import_BinaryContentNamedCsv_Gets415ChineseProblem()
    {
        var (_, client) = await EditorAsync();

        var response = await PostBytesAsync(client, "nodes.csv", [0x50, 0x4B, 0x03, 0x04, 0x00, 0x00, 0x08, 0x00]);

        await AssertProblemAsync(response, HttpStatusCode.UnsupportedMediaType, "内容不是文本");
    }

    [Fact]
    public async Task Import_FileOverTheSizeLimit_Gets413ChineseProblemAndWritesNothing()
    {
        var (tree, client) = await EditorAsync();
        var v = tree.Village1.Code;
        var head = Encoding.UTF8.GetBytes(Csv(NodesHeader, $"{v}002,小组,小组,{v},"));
        var bytes = new byte[ImportOptions.DefaultMaxUploadBytes + 1];
        head.CopyTo(bytes, 0);
        bytes.AsSpan(head.Length).Fill((byte)'\n');

        var response = await PostBytesAsync(client, "nodes.csv", bytes);

        await AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "超过大小上限 64 MiB");
        Assert.False(await app.WithDbAsync(db => db.Jurisdictions.AnyAsync(j => j.Code == v + "002")));
    }

    [Fact]
    public async Task Import_Gb18030File_ReadsChineseNames()
    {
        var (tree, client) = await EditorAsync();
        var v = tree.Village1.Code;
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var bytes = Encoding.GetEncoding("GB18030").GetBytes(Csv(NodesHeader, $"{v}002,新寨小组,小组,{v},"));

        var response = await PostBytesAsync(client, "nodes.csv", bytes, contentType: "application/vnd.ms-excel");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("新寨小组", await app.WithDbAsync(db => db.Jurisdictions.Where(j => j.Code == v + "002").Select(j => j.Name).SingleAsync()));
    }

    [Fact]
    public async Task GetImportTemplate_Editor_GetsNodesCsvThatTheReaderRecognises()
    {
        var (_, client) = await EditorAsync();

        var response = await client.GetAsync("/api/jurisdictions/import/template");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(GetImportTemplate.FileName, response.Content.Headers.ContentDisposition?.FileNameStar);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var (kind, rows, errors) = DivisionCsv.Read(reader, null);
        Assert.Equal(DivisionFileKind.Nodes, kind);
        Assert.Empty(errors);
        Assert.NotEmpty(rows);
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string expected)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<ProblemDetails>(TestJson.Options);
        Assert.StartsWith("文件：", problem!.Detail, StringComparison.Ordinal);
        Assert.Contains(expected, problem.Detail, StringComparison.Ordinal);
    }
}
