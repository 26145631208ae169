using System.Net;
using System.Net.Http.Json;
using GridGuard.Features.Canvassing;
using GridGuard.Features.Canvassing.Tips;
using GridGuard.Features.Policies;
using GridGuard.Platform.Auth;
using GridGuard.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Tests.Features.Canvassing.Tips;

[Collection(AppCollection.Name)]
public sealed class TipTriageTests(AppFactory app)
{
    private static async Task<Dictionary<string, string[]>> ErrorsAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<HttpValidationProblemDetails>(TestJson.Options);
        return new Dictionary<string, string[]>(problem!.Errors, StringComparer.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Triage_OfficerOfVillageA_CannotListSeeConfirmOrRejectVillageBTips()
    {
        var tree = await TestTree.CreateAsync(app);
        var mine = await TipData.TipAsync(app, tree.Village1);
        var theirs = await TipData.TipAsync(app, tree.Village3);
        var person = await Registry.PersonAsync(app, tree.Grid1, null, "张返乡");
        var officer = await TestUsers.CreateAsync(app, (Role.VillageOfficer, tree.Village1.Id));
        var client = await app.ApiClientAsync(officer);
        var volunteer = await app.ApiClientAsync(await TestUsers.CreateAsync(app, (Role.Volunteer, tree.Village1.Id)));

        var list = await client.GetFromJsonAsync<Paged<ListTips.Row>>("/api/tips?pageSize=200", TestJson.Options);
        var get = await client.GetAsync($"/api/tips/{theirs.Id}");
        var confirm = await client.PostAsJsonAsync($"/api/tips/{theirs.Id}/confirm", new { personId = person.Id, category = "Returnee" });
        var reject = await client.PostAsJsonAsync($"/api/tips/{theirs.Id}/reject", new { reason = "不实" });
        var page = await (await app.PageClientAsync(officer)).GetAsync($"/tips/{theirs.Id}");
        var volunteerGet = await volunteer.GetAsync($"/api/tips/{mine.Id}");

        Assert.Contains(list!.Items, t => t.Id == mine.Id);
        Assert.DoesNotContain(list.Items, t => t.Id == theirs.Id);
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, confirm.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, reject.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, volunteerGet.StatusCode);
        Assert.Equal(TipStatus.New, await app.WithDbAsync(db => db.Tips.Where(t => t.Id == theirs.Id).Select(t => t.Status).SingleAsync()));
    }

    [Fact]
    public async Task ListTips_StatusAndReference_FilteredNewestFirstWithMaskedPhones()
    {
        var tree = await TestTree.CreateAsync(app);
        var phone = TipData.NewPhone();
        var older = await TipData.TipAsync(app, tree.Village1, tipsterPhone: phone);
        app.Clock.Advance(TimeSpan.FromSeconds(1));
        var newer = await TipData.TipAsync(app, tree.Village1);
        await app.WithDbAsync(db => db.Tips.Where(t => t.Id == newer.Id).ExecuteUpdateAsync(s => s.SetProperty(t => t.Status, TipStatus.Rejected)));
        var client = await app.ApiClientAsync(await TestUsers.CreateAsync(app, (Role.VillageOfficer, tree.Village1.Id)));
        var reference = TipReference.Of(older.Id);

        var all = await client.GetFromJsonAsync<Paged<ListTips.Row>>("/api/tips", TestJson.Options);
        var open = await client.GetFromJsonAsync<Paged<ListTips.Row>>("/api/tips?status=New", TestJson.Options);
        var rejected = await client.GetFromJsonAsync<Paged<ListTips.Row>>("/api/tips?status=Rejected", TestJson.Options);
        var byReference = await client.GetFromJsonAsync<Paged<ListTips.Row>>($"/api/tips?reference={reference}", TestJson.Options);
        var byTypedReference = await client.GetFromJsonAsync<Paged<ListTips.Row>>(
            $"/api/tips?reference={reference.Replace("-", " ", StringComparison.Ordinal).ToLowerInvariant()}", TestJson.Options);
        var bad = await client.GetAsync("/api/tips?status=Bogus&reference=12");

        Assert.Equal([newer.Id, older.Id], all!.Items.Select(t => t.Id));
        Assert.Equal([older.Id], open!.Items.Select(t => t.Id));
        Assert.Equal([newer.Id], rejected!.Items.Select(t => t.Id));
        Assert.Equal([older.Id], byReference!.Items.Select(t => t.Id));
        Assert.Equal([older.Id], byTypedReference!.Items.Select(t => t.Id));
        Assert.Equal(phone[..3] + "****" + phone[^4..], open.Items[0].TipsterPhoneMasked);
        Assert.Equal("待核实", open.Items[0].StatusLabel);
        var errors = await ErrorsAsync(bad);
        Assert.StartsWith("状态：“Bogus”无效", errors["status"][0], StringComparison.Ordinal);
        Assert.StartsWith("编号：“12”无效", errors["reference"][0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConfirmTip_ExistingPerson_ConfirmedFlagAndTheConfiguredRewardOnce()
    {
        var tree = await TestTree.CreateAsync(app);
        var host = TipsHost.For(app);
        var phone = TipData.NewPhone();
        var tip = await TipData.TipAsync(app, tree.Village1, tipsterName: "王热心", tipsterPhone: phone);
        var person = await Registry.PersonAsync(app, tree.Grid1, await Registry.HouseholdAsync(app, tree.Grid1), "张返乡");
        var client = await host.ApiClientAsync(await TestUsers.CreateAsync(app, (Role.VillageOfficer, tree.Village1.Id)));
        var request = new { personId = person.Id, category = "Returnee", riskLevel = "High" };

        var first = await client.PostAsJsonAsync($"/api/tips/{tip.Id}/confirm", request);
        var again = await client.PostAsJsonAsync($"/api/tips/{tip.Id}/confirm", request);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var detail = await first.Content.ReadFromJsonAsync<GetTip.Detail>(TestJson.Options);
        Assert.Equal(("Confirmed", person.Id, "Returnee", "High"), (detail!.Status, detail.Flag!.PersonId, detail.Flag.Category, detail.Flag.RiskLevel));
        Assert.Equal(detail.Flag.Id, (await again.Content.ReadFromJsonAsync<GetTip.Detail>(TestJson.Options))!.Flag!.Id);
        var (stored, flag, reward) = await app.WithDbAsync(async db => (
            await db.Tips.AsNoTracking().SingleAsync(t => t.Id == tip.Id),
            await db.KeyPersonFlags.AsNoTracking().SingleAsync(f => f.SourceId == tip.Id),
            await db.Rewards.AsNoTracking().SingleAsync(r => r.TipId == tip.Id)));
        Assert.Equal((TipStatus.Confirmed, (Guid?)flag.Id), (stored.Status, stored.KeyPersonFlagId));
        Assert.Equal((person.Id, KeyPersonCategory.Returnee, (RiskLevel?)RiskLevel.High, FlagSource.Tip, FlagStatus.Confirmed, tree.Grid1.Id),
            (flag.PersonId, flag.Category, flag.RiskLevel, flag.Source, flag.Status, flag.JurisdictionId));
        Assert.Equal((TipsHost.RewardAmount, "王热心", phone, tree.Grid1.Id, (Guid?)flag.Id),
            (reward.Amount, reward.RecipientName, reward.RecipientPhone, reward.JurisdictionId, reward.KeyPersonFlagId));
        Assert.Contains(TipReference.Of(tip.Id), reward.Reason, StringComparison.Ordinal);
        var audited = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.EntityId == tip.Id.ToString() || a.EntityId == flag.Id.ToString() || a.EntityId == reward.Id.ToString())
            .Select(a => new { a.Entity, a.Action, a.Changes }).ToListAsync());
        Assert.Contains(audited, a => a.Entity == nameof(Tip) && a.Action == GridGuard.Platform.Audit.AuditAction.Modified
            && a.Changes.Contains("\"Status\":[\"New\",\"Confirmed\"]", StringComparison.Ordinal));
        Assert.Single(audited, a => a.Entity == nameof(KeyPersonFlag));
        Assert.Single(audited, a => a.Entity == nameof(Reward));
    }

    [Fact]
    public async Task ConfirmTip_AnonymousTip_RewardForTheAnonymousTipsterWithTheReferenceAndDefaultAmount()
    {
        var tree = await TestTree.CreateAsync(app);
        var tip = await TipData.TipAsync(app, tree.Village1, tipsterName: null, tipsterPhone: null);
        var person = await Registry.PersonAsync(app, tree.Grid1, null, "赵密接");
        var client = await app.ApiClientAsync(await TestUsers.CreateAsync(app, (Role.TownshipOfficer, tree.Township1.Id)));

        var response = await client.PostAsJsonAsync($"/api/tips/{tip.Id}/confirm", new { personId = person.Id, category = "密切接触者" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reward = await app.WithDbAsync(db => db.Rewards.AsNoTracking().SingleAsync(r => r.TipId == tip.Id));
        Assert.Equal(($"匿名举报人（{TipReference.Of(tip.Id)}）", (string?)null, 500), (reward.RecipientName, reward.RecipientPhone, reward.Amount));
    }

    [Fact]
    public async Task ConfirmTip_AnotherPersonOrARejectedTip_409AndNothingAdded()
    {
        var tree = await TestTree.CreateAsync(app);
        var tip = await TipData.TipAsync(app, tree.Village1);
        var rejected = await TipData.TipAsync(app, tree.Village1);
        var first = await Registry.PersonAsync(app, tree.Grid1, null, "钱一");
        var second = await Registry.PersonAsync(app, tree.Grid1, null, "孙二");
        var client = await app.ApiClientAsync(await TestUsers.CreateAsync(app, (Role.VillageOfficer, tree.Village1.Id)));
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync($"/api/tips/{tip.Id}/confirm", new { personId = first.Id, category = "Fever" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync($"/api/tips/{rejected.Id}/reject", new { reason = "查无此人" })).StatusCode);

        var other = await client.PostAsJsonAsync($"/api/tips/{tip.Id}/confirm", new { personId = second.Id, category = "Fever" });
        var afterReject = await client.PostAsJsonAsync($"/api/tips/{rejected.Id}/confirm", new { personId = second.Id, category = "Fever" });
        var rejectConfirmed = await client.PostAsJsonAsync($"/api/tips/{tip.Id}/reject", new { reason = "改判" });

        Assert.Equal(HttpStatusCode.Conflict, other.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, afterReject.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, rejectConfirmed.StatusCode);
        var (flags, rewards) = await app.WithDbAsync(async db => (
            await db.KeyPersonFlags.CountAsync(f => f.SourceId == tip.Id || f.SourceId == rejected.Id),
            await db.Rewards.CountAsync(r => r.TipId == tip.Id || r.TipId == rejected.Id)));
        Assert.Equal((1, 1), (flags, rewards));
    }

    [Fact]
    public async Task ConfirmTip_BadInput_ValidationProblemNamingTheFields()
    {
        var tree = await TestTree.CreateAsync(app);
        var tip = await TipData.TipAsync(app, tree.Village1);
        var mine = await Registry.PersonAsync(app, tree.Grid1, null, "周本村");
        var elsewhere = await Registry.PersonAsync(app, tree.Grid3, null, "吴外乡");
        var client = await app.ApiClientAsync(await TestUsers.CreateAsync(app, (Role.VillageOfficer, tree.Village1.Id)));

        var none = await ErrorsAsync(await client.PostAsJsonAsync($"/api/tips/{tip.Id}/confirm", new { category = "Bogus" }));
        var risk = await ErrorsAsync(await client.PostAsJsonAsync($"/api/tips/{tip.Id}/confirm", new { personId = mine.Id, category = "CloseContact", riskLevel = "High" }));
        var outside = await ErrorsAsync(await client.PostAsJsonAsync($"/api/tips/{tip.Id}/confirm", new { personId = elsewhere.Id, category = "Fever" }));

        Assert.StartsWith("人员：请选择", none["PersonId"][0], StringComparison.Ordinal);
        Assert.StartsWith("重点人员类别：“Bogus”无效", none["Category"][0], StringComparison.Ordinal);
        Assert.Equal(["风险等级：只有返乡人员需要填写风险等级"], risk["RiskLevel"]);
        Assert.Equal(["人员：未找到该人员，或不在您可处置的辖区内"], outside["PersonId"]);
        Assert.Equal(TipStatus.New, await app.WithDbAsync(db => db.Tips.Where(t => t.Id == tip.Id).Select(t => t.Status).SingleAsync()));
    }

    [Fact]
    public async Task RejectTip_WithReason_ReasonKeptInTheAuditLogAndShown()
    {
        var tree = await TestTree.CreateAsync(app);
        var tip = await TipData.TipAsync(app, tree.Village1);
        var officer = await TestUsers.CreateAsync(app, (Role.VillageOfficer, tree.Village1.Id));
        var client = await app.ApiClientAsync(officer);

        var empty = await client.PostAsJsonAsync($"/api/tips/{tip.Id}/reject", new { reason = " " });
        var response = await client.PostAsJsonAsync($"/api/tips/{tip.Id}/reject", new { reason = "经核实，张某一直在本村，未外出" });
        var again = await client.PostAsJsonAsync($"/api/tips/{tip.Id}/reject", new { reason = "再次驳回" });
        var page = await (await app.PageClientAsync(officer)).GetStringAsync($"/tips/{tip.Id}");

        Assert.Equal(["驳回理由：不能为空"], (await ErrorsAsync(empty))["Reason"]);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var detail = await response.Content.ReadFromJsonAsync<GetTip.Detail>(TestJson.Options);
        Assert.Equal(("Rejected", "经核实，张某一直在本村，未外出", officer.UserName),
            (detail!.Status, detail.Rejection?.Reason, detail.Rejection?.By));
        Assert.Equal("经核实，张某一直在本村，未外出", (await again.Content.ReadFromJsonAsync<GetTip.Detail>(TestJson.Options))!.Rejection?.Reason);
        var lines = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.Entity == nameof(Tip) && a.EntityId == tip.Id.ToString()).Select(a => a.Changes).ToListAsync());
        Assert.Contains(lines, c => c.Contains("\"Status\":[\"New\",\"Rejected\"]", StringComparison.Ordinal));
        Assert.Single(lines, c => c.Contains("\"RejectReason\":[null,\"经核实，张某一直在本村，未外出\"]", StringComparison.Ordinal));
        Assert.Contains("data-testid=\"tip-rejection\"", page, StringComparison.Ordinal);
        Assert.Contains("经核实，张某一直在本村，未外出", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TipDetailPage_SearchPersonAndConfirm_RedirectsAndTheTipIsConfirmed()
    {
        var tree = await TestTree.CreateAsync(app);
        var tip = await TipData.TipAsync(app, tree.Village1);
        var name = "郑" + Guid.NewGuid().ToString("N")[..6];
        var person = await Registry.PersonAsync(app, tree.Grid1, await Registry.HouseholdAsync(app, tree.Grid1), name);
        var client = await app.PageClientAsync(await TestUsers.CreateAsync(app, (Role.GridLeader, tree.Village1.Id)));
        var url = $"/tips/{tip.Id}?q={Uri.EscapeDataString(name)}";

        var html = await client.GetStringAsync(url);
        var form = await Forms.GetFormAsync(client, url, "confirm-tip");
        form["Confirm.PersonId"] = person.Id.ToString();
        form["Confirm.Category"] = "Returnee";
        form["Confirm.RiskLevel"] = "Medium";
        var response = await Forms.PostAsync(client, url, form);

        Assert.Contains("data-testid=\"person-choice\"", html, StringComparison.Ordinal);
        Assert.Contains(name, html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.EndsWith($"/tips/{tip.Id}", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        var flag = await app.WithDbAsync(db => db.KeyPersonFlags.AsNoTracking().SingleAsync(f => f.SourceId == tip.Id));
        Assert.Equal((person.Id, RiskLevel.Medium), (flag.PersonId, flag.RiskLevel!.Value));
        var after = await client.GetStringAsync($"/tips/{tip.Id}");
        Assert.Contains("data-testid=\"tip-reward\"", after, StringComparison.Ordinal);
    }
}
