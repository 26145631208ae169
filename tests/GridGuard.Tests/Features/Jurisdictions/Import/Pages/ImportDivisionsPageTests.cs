using System.Net;
using System.Net.Http.Headers;
using System.Text;
using GridGuard.Platform.Auth;
using GridGuard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static GridGuard.Tests.Features.Jurisdictions.Import.ImportApi;

namespace GridGuard.Tests.Features.Jurisdictions.Import.Pages;

/// <summary>The page /jurisdictions/import: upload a file, then read the report.</summary>
[Collection(AppCollection.Name)]
public sealed class ImportDivisionsPageTests(AppFactory app)
{
    private const string Url = "/jurisdictions/import";

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string fileName, string csv)
    {
        var fields = await Forms.GetFormAsync(client, Url, "import");
        using var form = new MultipartFormDataContent();
        foreach (var (name, value) in fields)
        {
            form.Add(new StringContent(value), name);
        }

        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", fileName);
        form.Add(new StringContent(""), "Form.Root");
        return await client.PostAsync(Url, form);
    }

    [Fact]
    public async Task ImportPage_GoodFile_ShowsAllImported()
    {
        var tree = await TestTree.CreateAsync(app);
        var client = await app.PageClientAsync(await TestUsers.CreateAsync(app, (Role.VillageOfficer, tree.Village1.Id)));
        var v = tree.Village1.Code;

        var response = await UploadAsync(client, "nodes.csv", Csv(NodesHeader, $"{v}002,新寨小组,小组,{v},"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("全部导入：共 1 行", html, StringComparison.Ordinal);
        Assert.Contains("新增 1", html, StringComparison.Ordinal);
        Assert.True(await app.WithDbAsync(db => db.Jurisdictions.AnyAsync(j => j.Code == v + "002")));
    }

    [Fact]
    public async Task ImportPage_FileWithBadRows_ShowsNothingImportedAndTheBadRows()
    {
        var tree = await TestTree.CreateAsync(app);
        var client = await app.PageClientAsync(await TestUsers.CreateAsync(app, (Role.VillageOfficer, tree.Village1.Id)));
        var v = tree.Village1.Code;

        var response = await UploadAsync(client, "nodes.csv", Csv(NodesHeader, $"{v}002,新寨小组,小组,{v},", $"{v}003,,小组,{v},"));

        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("有错误，本文件未导入任何数据", html, StringComparison.Ordinal);
        Assert.Contains("<td>3</td><td>名称</td><td>名称不能为空</td>", html, StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(db => db.Jurisdictions.AnyAsync(j => j.Code == v + "002")));
    }

    [Fact]
    public async Task ImportPage_NotCsv_ShowsChineseProblem()
    {
        var tree = await TestTree.CreateAsync(app);
        var client = await app.PageClientAsync(await TestUsers.CreateAsync(app, (Role.VillageOfficer, tree.Village1.Id)));

        var response = await UploadAsync(client, "photo.png", "not a csv");

        Assert.Contains("不是 CSV 文件", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportPage_Editor_OffersTheTemplate()
    {
        var tree = await TestTree.CreateAsync(app);
        var client = await app.PageClientAsync(await TestUsers.CreateAsync(app, (Role.TownshipOfficer, tree.Township1.Id)));

        var html = WebUtility.HtmlDecode(await client.GetStringAsync(Url));

        Assert.Contains("href=\"/api/jurisdictions/import/template\"", html, StringComparison.Ordinal);
        Assert.Contains("<label for=\"file\">", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportPage_UserWhoIsNotATreeEditor_IsSentToForbidden()
    {
        var tree = await TestTree.CreateAsync(app);
        var client = await app.PageClientAsync(await TestUsers.CreateAsync(app, (Role.Steward, tree.Village1.Id)));

        var response = await client.GetAsync(Url);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.EndsWith("/forbidden", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }
}
