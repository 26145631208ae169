using System.Net;
using GridGuard.Features.Policies;
using GridGuard.Platform.Auth;
using GridGuard.Tests.Features.Policies.RiskAreas;
using GridGuard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Tests.Features.Policies;

[Collection(AppCollection.Name)]
public sealed class PolicyPageTests(AppFactory app)
{
    [Fact]
    public async Task RiskAreaPages_CommanderAddsByForm_ListedAndOfficerSeesReadOnly()
    {
        var (tree, commander) = await RiskAreaData.CommanderUserAsync(app);
        var client = await app.PageClientAsync(commander);
        var sub = RiskAreaData.SubArea();
        var form = await Forms.GetFormAsync(client, "/risk-areas/new", "risk-area");
        form["Input.DivisionCode"] = "110105";
        form["Input.SubArea"] = sub;
        form["Input.Level"] = "High";
        form["Input.From"] = "2026-11-20";
        form["Input.To"] = "2026-11-19";

        var bad = await Forms.PostAsync(client, "/risk-areas/new", form);
        form["Input.To"] = "";
        var good = await Forms.PostAsync(client, "/risk-areas/new", form);
        var id = await app.WithDbAsync(db => db.RiskAreas.Where(a => a.SubArea == sub).Select(a => a.Id).SingleAsync());
        var officer = await app.PageClientAsync(await TestUsers.CreateAsync(app, (Role.VillageOfficer, tree.Village1.Id)));
        var list = await officer.GetStringAsync("/risk-areas?code=110105&q=" + Uri.EscapeDataString(sub));
        var detail = await officer.GetStringAsync($"/risk-areas/{id}");

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("风险期：结束日期必须晚于开始日期", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(good.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.SeeOther or HttpStatusCode.OK, good.StatusCode.ToString());
        Assert.Contains(sub, list, StringComparison.Ordinal);
        Assert.Contains("北京市朝阳区", list, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"read-only\"", detail, StringComparison.Ordinal);
        Assert.DoesNotContain("risk-area-save", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PolicyPages_VersionTableAndBadCopy_ChineseErrorBesideTheTextarea()
    {
        var (_, commander) = await RiskAreaData.CommanderUserAsync(app);
        var client = await app.PageClientAsync(commander);
        var id = await app.WithDbAsync(db => db.Policies.Where(p => p.Name == "2022-11 新平" && p.Version == 1).Select(p => p.Id).SingleAsync());
        var count = await app.WithDbAsync(db => db.Policies.CountAsync(p => p.Name == "2022-11 新平"));

        var list = await client.GetStringAsync("/policies");
        var page = await client.GetStringAsync($"/policies/{id}");
        var form = await Forms.GetFormAsync(client, $"/policies/{id}", "policy-version");
        form["Input.Json"] = "{\"rules\": [{\"category\": \"Spillover\", \"phases\": [{\"kind\": \"HomeQuarantine\", \"days\": 7, \"testDays\": [8]}]}]}";
        var bad = await Forms.PostAsync(client, $"/policies/{id}", form);

        Assert.Contains("2022-11 新平", list, StringComparison.Ordinal);
        Assert.Contains("居家隔离医学观察 7 天，每天健康监测 2 次，第 1、3、5、7 天检测", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("第 8 天超出阶段天数 7", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(count, await app.WithDbAsync(db => db.Policies.CountAsync(p => p.Name == "2022-11 新平")));
    }
}
