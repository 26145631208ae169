using System.Net;
using System.Text.RegularExpressions;
using GridGuard.Platform.Auth;
using GridGuard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Tests.Features.Households.Import;

[Collection(AppCollection.Name)]
public sealed partial class ImportHouseholdsPageTests(AppFactory app)
{
    private const string Url = "/households/import";

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, byte[] bytes, string fileName)
    {
        var fields = await Forms.GetFormAsync(client, Url, "household-import");
        var form = ImportFiles.Form(bytes, fileName);
        foreach (var (name, value) in fields)
        {
            form.Add(new StringContent(value), name);
        }

        return await client.PostAsync(Url, form);
    }

    [Fact]
    public async Task ImportPage_Upload_ShowsCountsImportedRowsAndEscapedBadRows()
    {
        var tree = await TestTree.CreateAsync(app);
        var client = await app.PageClientAsync(await TestUsers.CreateAsync(app, (Role.VillageOfficer, tree.Village1.Id)));
        string good = ImportFiles.NewId(), scripted = ImportFiles.NewId();
        var file = ImportFiles.Csv(
        [
            new(tree.Grid1.Code, "1", "大寨小组1号", "户主", "<b>好人</b>", good),
            new(tree.Grid1.Code, "1", null, "子女", "<script>alert(1)</script>", scripted, Phone: "12345"),
        ]);

        var response = await UploadAsync(client, file, "页面.csv");
        var html = await response.Content.ReadAsStringAsync();
        var text = WebUtility.HtmlDecode(html);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("共 2 行：已导入 1 行，未导入 1 行。", text, StringComparison.Ordinal);
        Assert.Contains("已导入的行：第 3 行。", text, StringComparison.Ordinal);
        var errors = ErrorTable().Match(html);
        Assert.True(errors.Success, html);
        // The name is shown as text: escaped in the HTML, never markup.
        Assert.Contains("<td>4</td><td>&lt;script&gt;alert(1)&lt;/script&gt;</td>", errors.Value, StringComparison.Ordinal);
        Assert.Contains(">手机号</td>", WebUtility.HtmlDecode(errors.Value), StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert(1)", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>好人</b>", html, StringComparison.Ordinal);
        Assert.Equal("<b>好人</b>", await app.WithDbAsync(db => db.Persons.Where(p => p.IdNumber == good).Select(p => p.Name).SingleAsync()));
    }

    [Fact]
    public async Task ImportPage_Get_OffersTemplatesAndAFormThatShowsProgress()
    {
        var tree = await TestTree.CreateAsync(app);
        var client = await app.PageClientAsync(await TestUsers.CreateAsync(app, (Role.GridManager, tree.Grid1.Id)));

        var page = WebUtility.HtmlDecode(await client.GetStringAsync(Url));

        Assert.Contains("<h1>导入户籍名单</h1>", page, StringComparison.Ordinal);
        Assert.Contains("href=\"/api/households/import/template?format=xlsx\"", page, StringComparison.Ordinal);
        Assert.Contains("enctype=\"multipart/form-data\"", page, StringComparison.Ordinal);
        Assert.Contains("<label for=\"import-file\">", page, StringComparison.Ordinal);
        Assert.Contains("b.textContent='正在导入…'", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportPage_UserWithoutRegistryRole_SeesWhyAndNoForm()
    {
        var tree = await TestTree.CreateAsync(app);
        var client = await app.PageClientAsync(await TestUsers.CreateAsync(app, (Role.Volunteer, tree.Grid1.Id)));

        var page = WebUtility.HtmlDecode(await client.GetStringAsync(Url));

        Assert.Contains("没有导入户籍名单的权限", page, StringComparison.Ordinal);
        Assert.DoesNotContain("import-form", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportPage_NotASpreadsheet_ShowsTheReason()
    {
        var tree = await TestTree.CreateAsync(app);
        var client = await app.PageClientAsync(await TestUsers.CreateAsync(app, (Role.VillageOfficer, tree.Village1.Id)));

        var response = await UploadAsync(client, [1, 2, 3], "x.pdf");

        Assert.Contains("只接受 .xlsx 或 .csv 文件", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportPage_FileOverTheLimit_ShowsTheLimitInChinese()
    {
        var tree = await TestTree.CreateAsync(app);
        var user = await TestUsers.CreateAsync(app, (Role.VillageOfficer, tree.Village1.Id));
        using var small = app.WithWebHostBuilder(b => b.UseSetting("Import:MaxUploadBytes", "2048"));
        var client = small.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        var login = await Forms.GetFormAsync(client, "/login", "login");
        login["Input.UserName"] = user.UserName;
        login["Input.Password"] = user.Password;
        Assert.Equal(HttpStatusCode.Redirect, (await Forms.PostAsync(client, "/login", login)).StatusCode);

        // A file over the limit, in a request the server accepts: the page says so.
        var page = await UploadAsync(client, new byte[3000], "big.csv");
        Assert.Contains("超过上限 2 KB", WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        // A request far over the limit is turned back before its body is read, to the page with the reason.
        var huge = await UploadAsync(client, new byte[1_200_000], "huge.csv");
        Assert.Equal(HttpStatusCode.SeeOther, huge.StatusCode);
        Assert.Equal("/households/import?tooLarge=1", huge.Headers.Location!.OriginalString);
        var back = WebUtility.HtmlDecode(await client.GetStringAsync(huge.Headers.Location.OriginalString));
        Assert.Contains("超过上限 2 KB", back, StringComparison.Ordinal);
    }

    [GeneratedRegex("<table data-testid=\"import-errors\">.*?</table>", RegexOptions.Singleline)]
    private static partial Regex ErrorTable();
}
