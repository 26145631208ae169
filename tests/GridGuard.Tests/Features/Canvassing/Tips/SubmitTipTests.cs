using System.Net;
using System.Net.Http.Json;
using GridGuard.Features.Canvassing;
using GridGuard.Features.Canvassing.Tips;
using GridGuard.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GridGuard.Tests.Features.Canvassing.Tips;

[Collection(AppCollection.Name)]
public sealed class SubmitTipTests(AppFactory app)
{
    private TipsHost Host => TipsHost.For(app);

    private static object Body(Guid villageId, string content, string? phone = null, string? name = null, string? website = null) => new
    {
        villageId,
        subjectName = "张某",
        subjectAddress = "和平路 3 号",
        content,
        tipsterName = name,
        tipsterPhone = phone,
        website,
    };

    private Task<List<Tip>> TipsOfAsync(Guid villageId) =>
        app.WithDbAsync(db => db.Tips.AsNoTracking().Where(t => t.JurisdictionId == villageId).OrderBy(t => t.CreatedAt).ToListAsync());

    [Fact]
    public async Task SubmitTip_Anonymous_StoredWithSenderHashNotTheIpAndReceiptFromTheId()
    {
        var tree = await TestTree.CreateAsync(app);
        var ip = TipsHost.NewIp();
        var phone = TipData.NewPhone();

        var response = await Host.Anonymous(ip).PostAsJsonAsync("/api/tips", Body(tree.Village1.Id, "张某昨天从外地返乡，没有报备", phone, "王热心"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var receipt = await response.Content.ReadFromJsonAsync<SubmitTip.Receipt>(TestJson.Options);
        var tip = Assert.Single(await TipsOfAsync(tree.Village1.Id));
        Assert.Equal(TipReference.Of(tip.Id), receipt!.Reference);
        Assert.Matches("^[0-9A-F]{4}-[0-9A-F]{4}$", receipt.Reference);
        Assert.Equal(TipsHost.RewardAmount, receipt.RewardAmount);
        Assert.Contains($"{TipsHost.RewardAmount} 元", receipt.Message, StringComparison.Ordinal);
        Assert.Equal((TipStatus.New, "张某昨天从外地返乡，没有报备", "张某", "和平路 3 号", "王热心", phone),
            (tip.Status, tip.Content, tip.SubjectName, tip.SubjectAddress, tip.TipsterName, tip.TipsterPhone));
        Assert.Matches("^[0-9a-f]{64}$", tip.SenderHash);
        Assert.Equal(Host.Factory.Services.GetRequiredService<TipSender>().Hash(IPAddress.Parse(ip)), tip.SenderHash);
        Assert.Equal(Host.Clock.GetUtcNow().UtcDateTime, tip.CreatedAt);
        var stored = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.Entity == nameof(Tip) && a.EntityId == tip.Id.ToString()).Select(a => a.Changes).ToListAsync());
        Assert.DoesNotContain(stored, c => c.Contains(ip, StringComparison.Ordinal));
    }

    [Fact]
    public async Task SubmitTip_BadInput_ValidationProblemNamingTheFieldInChinese()
    {
        var tree = await TestTree.CreateAsync(app);
        await app.WithDbAsync(async db =>
        {
            await db.Jurisdictions.Where(j => j.Id == tree.Village2.Id).ExecuteUpdateAsync(s => s.SetProperty(j => j.IsActive, false));
        });
        var client = Host.Anonymous(TipsHost.NewIp());

        async Task<IDictionary<string, string[]>> ErrorsAsync(object body)
        {
            var response = await client.PostAsJsonAsync("/api/tips", body);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var errors = (await response.Content.ReadFromJsonAsync<HttpValidationProblemDetails>(TestJson.Options))!.Errors;
            return new Dictionary<string, string[]>(errors, StringComparer.OrdinalIgnoreCase);
        }

        var empty = await ErrorsAsync(Body(tree.Village1.Id, "  "));
        var badPhone = await ErrorsAsync(Body(tree.Village1.Id, "有人返乡", phone: "1381234"));
        var unknown = await ErrorsAsync(Body(Guid.NewGuid(), "有人返乡"));
        var inactive = await ErrorsAsync(Body(tree.Village2.Id, "有人返乡"));
        var notVillage = await ErrorsAsync(Body(tree.Grid1.Id, "有人返乡"));
        var tooLong = await ErrorsAsync(Body(tree.Village1.Id, new string('长', Tip.TextMaxLength + 1)));

        Assert.Equal(["线索内容：不能为空，请写明发现的情况"], empty["Content"]);
        Assert.StartsWith("联系电话：应为 11 位手机号码", Assert.Single(badPhone["TipsterPhone"]), StringComparison.Ordinal);
        Assert.Equal(["村（社区）：所选村（社区）不存在或已撤销，请重新选择"], unknown["VillageId"]);
        Assert.Equal(["村（社区）：所选村（社区）不存在或已撤销，请重新选择"], inactive["VillageId"]);
        Assert.Equal(["村（社区）：所选村（社区）不存在或已撤销，请重新选择"], notVillage["VillageId"]);
        Assert.Equal([$"线索内容：不能超过 {Tip.TextMaxLength} 个字符"], tooLong["Content"]);
        Assert.Empty(await TipsOfAsync(tree.Village1.Id));
    }

    [Fact]
    public async Task SubmitTip_SixthFromOneIpWithinAnHour_429WithRetryAfterThenAcceptedAfterTheWindow()
    {
        var tree = await TestTree.CreateAsync(app);
        var client = Host.Anonymous(TipsHost.NewIp());
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/api/tips", Body(tree.Village1.Id, $"线索 {i}"))).StatusCode);
            Host.Clock.Advance(TimeSpan.FromMinutes(1));
        }

        var refused = await client.PostAsJsonAsync("/api/tips", Body(tree.Village1.Id, "第六条"));
        var otherSender = await Host.Anonymous(TipsHost.NewIp()).PostAsJsonAsync("/api/tips", Body(tree.Village1.Id, "另一网络"));

        Assert.Equal((HttpStatusCode)StatusCodes.Status429TooManyRequests, refused.StatusCode);
        var retryAfter = (int)refused.Headers.RetryAfter!.Delta!.Value.TotalSeconds;
        Assert.Equal(55 * 60, retryAfter);
        var problem = await refused.Content.ReadFromJsonAsync<ProblemDetailsBody>(TestJson.Options);
        Assert.Equal("提交过于频繁", problem!.Title);
        Assert.Equal("提交过于频繁：同一网络 1 小时内最多提交 5 条线索，请 55 分钟后再试", problem.Detail);
        Assert.Equal(HttpStatusCode.Created, otherSender.StatusCode);

        Host.Clock.Advance(TimeSpan.FromSeconds(retryAfter - 1));
        Assert.Equal((HttpStatusCode)StatusCodes.Status429TooManyRequests,
            (await client.PostAsJsonAsync("/api/tips", Body(tree.Village1.Id, "还差一秒"))).StatusCode);
        Host.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/api/tips", Body(tree.Village1.Id, "窗口已过"))).StatusCode);
        Assert.Equal(7, (await TipsOfAsync(tree.Village1.Id)).Count);
    }

    [Fact]
    public async Task SubmitTip_FourthWithOnePhoneWithinADay_429ThenAcceptedAfterTheWindow()
    {
        var tree = await TestTree.CreateAsync(app);
        var phone = TipData.NewPhone();
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.Created,
                (await Host.Anonymous(TipsHost.NewIp()).PostAsJsonAsync("/api/tips", Body(tree.Village1.Id, $"线索 {i}", phone))).StatusCode);
        }

        var refused = await Host.Anonymous(TipsHost.NewIp()).PostAsJsonAsync("/api/tips", Body(tree.Village1.Id, "第四条", "+86 " + phone));

        Assert.Equal((HttpStatusCode)StatusCodes.Status429TooManyRequests, refused.StatusCode);
        Assert.Equal(TimeSpan.FromDays(1), refused.Headers.RetryAfter!.Delta);
        var problem = await refused.Content.ReadFromJsonAsync<ProblemDetailsBody>(TestJson.Options);
        Assert.Equal("联系电话：同一手机号码 24 小时内最多提交 3 条线索，请 24 小时后再试", problem!.Detail);

        Host.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(HttpStatusCode.Created,
            (await Host.Anonymous(TipsHost.NewIp()).PostAsJsonAsync("/api/tips", Body(tree.Village1.Id, "一天以后", phone))).StatusCode);
        Assert.Equal(4, (await TipsOfAsync(tree.Village1.Id)).Count);
    }

    [Fact]
    public async Task SubmitTip_HoneypotFilled_AcceptedWithAReceiptButNotStored()
    {
        var tree = await TestTree.CreateAsync(app);

        var response = await Host.Anonymous(TipsHost.NewIp())
            .PostAsJsonAsync("/api/tips", Body(tree.Village1.Id, "机器人", website: "http://spam.example"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Matches("^[0-9A-F]{4}-[0-9A-F]{4}$", (await response.Content.ReadFromJsonAsync<SubmitTip.Receipt>(TestJson.Options))!.Reference);
        Assert.Empty(await TipsOfAsync(tree.Village1.Id));
    }

    [Fact]
    public async Task SubmitTip_NoClientAddress_CountedAsOneUnknownSender()
    {
        var tree = await TestTree.CreateAsync(app);

        var response = await Host.Anonymous(null).PostAsJsonAsync("/api/tips", Body(tree.Village1.Id, "没有地址的请求"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var tip = Assert.Single(await TipsOfAsync(tree.Village1.Id));
        Assert.Equal(Host.Factory.Services.GetRequiredService<TipSender>().Hash(null), tip.SenderHash);
    }

    [Theory]
    [InlineData("203.0.113.7", "203.0.113.7")]
    [InlineData("::ffff:203.0.113.7", "203.0.113.7")]
    [InlineData("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64")]
    [InlineData(null, "unknown")]
    public void TipSender_Address_CountedByCanonicalForm(string? address, string expected) =>
        Assert.Equal(expected, TipSender.Canonical(address is null ? null : IPAddress.Parse(address)));

    [Fact]
    public async Task ListTipVillages_Township_ListsItsActiveVillagesAnonymously()
    {
        var tree = await TestTree.CreateAsync(app);

        var response = await Host.Anonymous(null).GetFromJsonAsync<ListTipVillages.Response>(
            $"/api/tips/villages?townshipId={tree.Township1.Id}", TestJson.Options);

        Assert.Equal([tree.Village2.Id, tree.Village1.Id], response!.Villages.Select(v => v.Id));
        Assert.Contains(response.Townships, t => t.Id == tree.Township1.Id);
    }

    private sealed record ProblemDetailsBody(string? Title, string? Detail, int? Status);
}
