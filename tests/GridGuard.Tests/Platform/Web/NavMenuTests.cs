using System.Text.RegularExpressions;
using GridGuard.Platform.Auth;
using GridGuard.Tests.Infrastructure;

namespace GridGuard.Tests.Platform.Web;

[Collection(AppCollection.Name)]
public sealed partial class NavMenuTests(AppFactory app)
{
    [Theory]
    [InlineData("/jurisdictions/import", "区划导入")]
    [InlineData("/households/import", "户籍导入")]
    [InlineData("/jurisdictions/{village}", "辖区")]
    [InlineData("/households", "住户")]
    public async Task NavMenu_Page_MarksExactlyItsOwnEntry(string url, string entry)
    {
        var tree = await TestTree.CreateAsync(app);
        var officer = await TestUsers.CreateAsync(app, (Role.VillageOfficer, tree.Village1.Id));
        var page = await app.PageClientAsync(officer);

        var html = await page.GetStringAsync(url.Replace("{village}", tree.Village1.Id.ToString(), StringComparison.Ordinal));

        var nav = html[html.IndexOf("<nav class=\"nav", StringComparison.Ordinal)..];
        nav = nav[..nav.IndexOf("</nav>", StringComparison.Ordinal)];
        var active = ActiveLink().Matches(nav).Select(m => m.Groups["text"].Value).ToList();
        Assert.Equal([entry], active);
        var current = CurrentPage().Matches(nav).Select(m => m.Groups["text"].Value).ToList();
        Assert.Equal([entry], current);
    }

    [GeneratedRegex("""<a [^>]*class="active"[^>]*>(?<text>[^<]+)</a>""")]
    private static partial Regex ActiveLink();

    [GeneratedRegex("""<a [^>]*aria-current="page"[^>]*>(?<text>[^<]+)</a>""")]
    private static partial Regex CurrentPage();
}
