using System.Net;
using System.Net.Http.Json;
using GridGuard.Features.Policies;
using GridGuard.Features.Policies.Versions;
using GridGuard.Platform.Auth;
using GridGuard.Tests.Features.Policies.RiskAreas;
using GridGuard.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Tests.Features.Policies.Versions;

[Collection(AppCollection.Name)]
public sealed class PolicyVersionTests(AppFactory app)
{
    private static int year = 3000;

    /// <summary>A policy of its own (a shipped rulebook under a unique name), effective on a far-future date no other test uses.</summary>
    private async Task<(Policy Row, DateOnly Effective)> OwnPolicyAsync()
    {
        var effective = new DateOnly(Interlocked.Increment(ref year), 1, 1);
        var shipped = ShippedRulebooks.LoadValid().First(r => r.Name == "2021-01 春节");
        var rulebook = shipped with { Name = "测试规则" + Guid.NewGuid().ToString("N")[..8], EffectiveDate = effective };
        var row = new Policy { Name = rulebook.Name, Version = 1, EffectiveOn = effective, Rules = RulebookJson.Write(rulebook) };
        await app.WithDbAsync(async db =>
        {
            db.Policies.Add(row);
            await db.SaveChangesAsync();
        });
        return (row, effective);
    }

    [Fact]
    public async Task ListPolicies_ShippedVersions_ListedWithTheOneInForce()
    {
        var client = await RiskAreaData.CommanderAsync(app);

        var list = await client.GetFromJsonAsync<ListPolicies.Response>("/api/policies?on=2021-06-01", TestJson.Options);
        var detail = await client.GetFromJsonAsync<GetPolicy.Detail>($"/api/policies/{list!.InForceId}", TestJson.Options);

        Assert.Equal("2021-01 春节", list.InForceName);
        Assert.Contains(list.Policies, p => p.Name == "2022-11 新平" && p.Versions.Any(v => v.IsShipped && v.EffectiveOn == new DateOnly(2022, 11, 25)));
        Assert.Equal("2021-01 春节", detail!.Name);
        Assert.Equal("2021-01 春节", detail.Rules.GetProperty("name").GetString());
    }

    [Fact]
    public async Task CreatePolicyVersion_LaterEffectiveDate_NewVersionInForceAfterThatDateOldKept()
    {
        var (row, effective) = await OwnPolicyAsync();
        var client = await RiskAreaData.CommanderAsync(app);
        var detail = await client.GetFromJsonAsync<GetPolicy.Detail>($"/api/policies/{row.Id}", TestJson.Options);
        var later = effective.AddDays(10);

        var response = await client.PostAsJsonAsync($"/api/policies/{row.Id}/versions", new { json = RewriteDays(detail!.Rules.GetRawText()), effectiveDate = later });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.Content.ReadFromJsonAsync<CreatePolicyVersion.Created>(TestJson.Options);
        var before = await client.GetFromJsonAsync<ListPolicies.Response>($"/api/policies?on={later.AddDays(-1):yyyy-MM-dd}", TestJson.Options);
        var after = await client.GetFromJsonAsync<ListPolicies.Response>($"/api/policies?on={later:yyyy-MM-dd}", TestJson.Options);

        Assert.Equal(2, created!.Version);
        Assert.Equal(row.Name, created.Name);
        Assert.Equal(row.Id, before!.InForceId);
        Assert.Equal(created.Id, after!.InForceId);
        var old = await app.WithDbAsync(db => db.Policies.AsNoTracking().SingleAsync(p => p.Id == row.Id));
        Assert.Equal(row.Rules, old.Rules);
        var stored = await app.WithDbAsync(db => db.Policies.AsNoTracking().SingleAsync(p => p.Id == created.Id));
        Assert.Equal(later, stored.EffectiveOn);
        Assert.False(stored.IsShipped);
        Assert.Equal(10, RulebookJson.Read(stored.Rules, new())!.Match(GridGuard.Features.Canvassing.KeyPersonCategory.CloseContact, null)!.Phases[0].Days);
        await client.PostAsync($"/api/policies/{created.Id}/withdraw", null);
        await client.PostAsync($"/api/policies/{row.Id}/withdraw", null);
    }

    /// <summary>CloseContact Central 14 with tests on days 1 and 14 → Central 10 with tests on 1 and 10.</summary>
    private static string RewriteDays(string json)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(json)!;
        foreach (var rule in node["rules"]!.AsArray())
        {
            if ((string?)rule!["category"] == "CloseContact")
            {
                rule["phases"]![0]!["days"] = 10;
                rule["phases"]![0]!["testDays"] = new System.Text.Json.Nodes.JsonArray(1, 10);
            }
        }

        return node.ToJsonString();
    }

    [Fact]
    public async Task CreatePolicyVersion_TestDayOutsidePhase_400NamingTheFieldAndNothingStored()
    {
        var (row, effective) = await OwnPolicyAsync();
        var client = await RiskAreaData.CommanderAsync(app);
        var detail = await client.GetFromJsonAsync<GetPolicy.Detail>($"/api/policies/{row.Id}", TestJson.Options);
        var node = System.Text.Json.Nodes.JsonNode.Parse(detail!.Rules.GetRawText())!;
        node["rules"]![0]!["phases"]![0]!["testDays"] = new System.Text.Json.Nodes.JsonArray(1, 99);

        var response = await client.PostAsJsonAsync($"/api/policies/{row.Id}/versions",
            new { json = node.ToJsonString(), effectiveDate = effective.AddDays(1) });
        var typo = await client.PostAsJsonAsync($"/api/policies/{row.Id}/versions",
            new { json = "{\"rules\": [{\"category\": \"Returnee\", \"tesDays\": [1]}]}", effectiveDate = effective.AddDays(1) });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<HttpValidationProblemDetails>(TestJson.Options);
        Assert.StartsWith("规则 1 第 1 阶段检测日：第 99 天超出阶段天数", problem!.Errors["rules[0].phases[0].testDays"][0], StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, typo.StatusCode);
        var typoProblem = await typo.Content.ReadFromJsonAsync<HttpValidationProblemDetails>(TestJson.Options);
        Assert.StartsWith("JSON：", typoProblem!.Errors["json"][0], StringComparison.Ordinal);
        Assert.Equal(1, await app.WithDbAsync(db => db.Policies.CountAsync(p => p.Name == row.Name)));
    }

    [Fact]
    public async Task WithdrawReinstate_CountyStaff_VersionLeavesAndReturnsToForce_OthersForbidden()
    {
        var (row, effective) = await OwnPolicyAsync();
        var client = await RiskAreaData.CommanderAsync(app);
        var tree = await TestTree.CreateAsync(app);
        var officer = await app.ApiClientAsync(await TestUsers.CreateAsync(app, (Role.VillageOfficer, tree.Village1.Id)));
        var on = $"/api/policies?on={effective.AddDays(1):yyyy-MM-dd}";

        var forbidden = await officer.PostAsync($"/api/policies/{row.Id}/withdraw", null);
        var forbiddenVersion = await officer.PostAsJsonAsync($"/api/policies/{row.Id}/versions", new { json = row.Rules });
        var inForce = (await client.GetFromJsonAsync<ListPolicies.Response>(on, TestJson.Options))!.InForceId;
        var withdrawn = await client.PostAsync($"/api/policies/{row.Id}/withdraw", null);
        var afterWithdraw = (await client.GetFromJsonAsync<ListPolicies.Response>(on, TestJson.Options))!.InForceId;
        var reinstated = await client.PostAsync($"/api/policies/{row.Id}/reinstate", null);
        var afterReinstate = (await officer.GetFromJsonAsync<ListPolicies.Response>(on, TestJson.Options))!.InForceId;
        await client.PostAsync($"/api/policies/{row.Id}/withdraw", null);

        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, forbiddenVersion.StatusCode);
        Assert.Equal(row.Id, inForce);
        Assert.Equal(HttpStatusCode.OK, withdrawn.StatusCode);
        Assert.NotEqual(row.Id, afterWithdraw);
        Assert.Equal(HttpStatusCode.OK, reinstated.StatusCode);
        Assert.Equal(row.Id, afterReinstate);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync($"/api/policies/{Guid.NewGuid()}/withdraw", null)).StatusCode);
    }
}
