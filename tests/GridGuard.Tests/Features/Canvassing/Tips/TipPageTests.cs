using System.Net;
using System.Net.Http.Json;
using GridGuard.Features.Canvassing;
using GridGuard.Features.Canvassing.Tips;
using GridGuard.Platform.Auth;
using GridGuard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Tests.Features.Canvassing.Tips;

[Collection(AppCollection.Name)]
public sealed class TipPageTests(AppFactory app)
{
    private TipsHost Host => TipsHost.For(app);

    private Task<List<Tip>> TipsOfAsync(Guid villageId) =>
        app.WithDbAsync(db => db.Tips.AsNoTracking().Where(t => t.JurisdictionId == villageId).ToListAsync());

    [Fact]
    public async Task TipPage_AnonymousVisitor_ChoosesTownshipThenVillageAndGetsAReceipt()
    {
        var tree = await TestTree.CreateAsync(app);
        var client = Host.Anonymous(TipsHost.NewIp());
        var url = $"/tips/new?township={tree.Township1.Id}";

        var page = await client.GetAsync(url);
        var html = await page.Content.ReadAsStringAsync();
        var form = await Forms.GetFormAsync(client, url, "tip");
        form["Input.VillageId"] = tree.Village1.Id.ToString();
        form["Input.Content"] = "<script>alert(1)</script> 李某从外地返乡未报备";
        form["Input.TipsterName"] = "<b>王</b>";
        form["Input.TipsterPhone"] = "138 0013 8000";
        var posted = await Forms.PostAsync(client, url, form);
        var receipt = await posted.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("<h1>线索举报</h1>", html, StringComparison.Ordinal);
        Assert.Contains(tree.Village1.Name, html, StringComparison.Ordinal);
        Assert.DoesNotContain("功能导航", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        var tip = Assert.Single(await TipsOfAsync(tree.Village1.Id));
        Assert.Contains($"data-testid=\"tip-reference\">{TipReference.Of(tip.Id)}<", receipt, StringComparison.Ordinal);
        Assert.Contains($"{TipsHost.RewardAmount} 元奖励", receipt, StringComparison.Ordinal);
        Assert.Equal(("<script>alert(1)</script> 李某从外地返乡未报备", "<b>王</b>", "13800138000"),
            (tip.Content, tip.TipsterName, tip.TipsterPhone));

        var officer = await app.PageClientAsync(await TestUsers.CreateAsync(app, (Role.VillageOfficer, tree.Village1.Id)));
        var detail = await officer.GetStringAsync($"/tips/{tip.Id}");
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt; 李某从外地返乡未报备", detail, StringComparison.Ordinal);
        Assert.Contains("&lt;b&gt;王&lt;/b&gt;", detail, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert(1)", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TipPage_BadPhoneAndNoContent_ChineseMessagesBesideTheFields()
    {
        var tree = await TestTree.CreateAsync(app);
        var client = Host.Anonymous(TipsHost.NewIp());
        var url = $"/tips/new?township={tree.Township1.Id}";
        var form = await Forms.GetFormAsync(client, url, "tip");
        form["Input.VillageId"] = tree.Village1.Id.ToString();
        form["Input.Content"] = "";
        form["Input.TipsterPhone"] = "12345";

        var html = await (await Forms.PostAsync(client, url, form)).Content.ReadAsStringAsync();

        Assert.Contains("data-testid=\"error-Content\">线索内容：不能为空", html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"error-TipsterPhone\">联系电话：应为 11 位手机号码", html, StringComparison.Ordinal);
        Assert.Empty(await TipsOfAsync(tree.Village1.Id));
    }

    [Fact]
    public async Task TipPage_OverTheIpLimit_429WithRetryAfterAndTheSameMessage()
    {
        var tree = await TestTree.CreateAsync(app);
        var client = Host.Anonymous(TipsHost.NewIp());
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.Created,
                (await client.PostAsJsonAsync("/api/tips", new { villageId = tree.Village1.Id, content = $"线索 {i}" })).StatusCode);
        }

        var url = $"/tips/new?township={tree.Township1.Id}";
        var form = await Forms.GetFormAsync(client, url, "tip");
        form["Input.VillageId"] = tree.Village1.Id.ToString();
        form["Input.Content"] = "第六条";
        var response = await Forms.PostAsync(client, url, form);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal(TimeSpan.FromHours(1), response.Headers.RetryAfter?.Delta);
        Assert.Contains("data-testid=\"tip-limited\">提交过于频繁：同一网络 1 小时内最多提交 5 条线索，请 1 小时后再试", html,
            StringComparison.Ordinal);
        Assert.Equal(5, (await TipsOfAsync(tree.Village1.Id)).Count);
    }

    [Fact]
    public async Task TipPage_HoneypotFilled_ReceiptShownButNothingStored()
    {
        var tree = await TestTree.CreateAsync(app);
        var client = Host.Anonymous(TipsHost.NewIp());
        var url = $"/tips/new?township={tree.Township1.Id}";
        var form = await Forms.GetFormAsync(client, url, "tip");
        form["Input.VillageId"] = tree.Village1.Id.ToString();
        form["Input.Content"] = "机器人填写";
        form["Input.Website"] = "http://spam.example";

        var html = await (await Forms.PostAsync(client, url, form)).Content.ReadAsStringAsync();

        Assert.Contains("data-testid=\"tip-receipt\"", html, StringComparison.Ordinal);
        Assert.Empty(await TipsOfAsync(tree.Village1.Id));
    }

    [Fact]
    public async Task LoginPage_Anonymous_LinksToThePublicTipForm()
    {
        var html = await Host.Anonymous(null).GetStringAsync("/login");

        Assert.Contains("href=\"/tips/new\"", html, StringComparison.Ordinal);
        Assert.Contains("群众线索举报", html, StringComparison.Ordinal);
    }
}
