using System.Net;
using System.Net.Http.Json;
using GridGuard.Features.Canvassing;
using GridGuard.Features.ControlPlans;
using GridGuard.Features.ControlPlans.Plans;
using GridGuard.Features.ControlPlans.PolicySwitch;
using GridGuard.Features.Policies;
using GridGuard.Platform.Audit;
using GridGuard.Platform.Auth;
using GridGuard.Tests.Features.Canvassing;
using GridGuard.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Tests.Features.ControlPlans.PolicySwitch;

[Collection(AppCollection.Name)]
public sealed class PolicySwitchTests(AppFactory app)
{
    /// <summary>
    /// A county with returnees from a medium-risk city on plans under a test copy of the 2021 春节 rulebook (Home 14, tests
    /// on days 1 and 14), and version 2 of that copy where Returnee Medium is Home 7 with tests on days 1 and 7.
    /// </summary>
    private async Task<Setup> ArrangeAsync(int plans, bool confirm = true)
    {
        var tree = await TestTree.CreateAsync(app);
        var host = ArrivalKit.Host(app);
        var today = ArrivalKit.Today(host);
        var city = TestTree.NewCountyCode();
        await PlanKit.AreaAsync(app, city, RiskLevel.Medium, today.AddDays(-30));
        var policy = await PlanKit.PolicyAsync(app, PlanKit.Chunjie);
        var officer = await host.ApiClientAsync(await TestUsers.CreateAsync(app, (Role.VillageOfficer, tree.Village1.Id)));
        var ids = new List<Guid>();
        for (var i = 0; i < plans; i++)
        {
            var reportId = await ArrivalKit.FileAsync(app, ArrivalKit.Body(tree.Village1.Id, Registry.NewIdNumber(), today.AddDays(-1), today, city));
            var plan = await PlanKit.ComputeAsync(officer, reportId, policy);
            if (confirm)
            {
                Assert.Equal(HttpStatusCode.OK, (await officer.PostAsJsonAsync($"/api/plans/{plan.Id}/confirm", new { })).StatusCode);
            }

            ids.Add(plan.Id);
        }

        var v2 = await VersionTwoAsync(policy);
        var commander = await host.ApiClientAsync(await TestUsers.CreateAsync(app, (Role.CountyCommander, tree.County.Id)));
        return new Setup(tree, today, policy, v2, ids, commander);
    }

    private async Task<Guid> VersionTwoAsync(string name)
    {
        var shipped = ShippedRulebooks.LoadValid().Single(r => r.Name == PlanKit.Chunjie);
        var rules = shipped.Rules.Select(r => r.Category == KeyPersonCategory.Returnee && r.Level == RiskLevel.Medium
            ? r with { Phases = [new PhaseRule(PhaseKind.HomeQuarantine, 7, 2, [1, 7])] }
            : r).ToList();
        var effective = shipped.EffectiveDate.AddDays(-1); // never the policy in force for other tests: the shipped version is later
        var policy = new Policy
        {
            Name = name,
            Version = 2,
            EffectiveOn = effective,
            Rules = RulebookJson.Write(shipped with { Name = name, Version = 2, EffectiveDate = effective, Rules = rules }),
            CreatedAt = app.Clock.GetUtcNow().UtcDateTime,
        };
        await app.WithDbAsync(async db =>
        {
            db.Policies.Add(policy);
            await db.SaveChangesAsync();
        });
        return policy.Id;
    }

    private sealed record Setup(TestTree Tree, DateOnly Today, string Policy, Guid V2, List<Guid> Plans, HttpClient Commander);

    private static async Task<PreviewPolicySwitch.Response> PreviewAsync(HttpClient client, Guid to, string outcome = "All")
    {
        var response = await client.GetAsync($"/api/plans/policy-switch?to={to}&outcome={outcome}&pageSize=200");
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<PreviewPolicySwitch.Response>(TestJson.Options))!;
    }

    private static async Task<ApplyPolicySwitch.Response> ApplyAsync(HttpClient client, object body)
    {
        var response = await client.PostAsJsonAsync("/api/plans/policy-switch", body);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<ApplyPolicySwitch.Response>(TestJson.Options))!;
    }

    private Task<ControlPlan> StoredAsync(Guid id) =>
        app.WithDbAsync(db => db.ControlPlans.AsNoTracking().Include(p => p.Tests).SingleAsync(p => p.Id == id));

    [Fact]
    public async Task PreviewPolicySwitch_ShorterHomeQuarantine_ShowsOldAndNewEndAndTestDaysPerPlan()
    {
        var s = await ArrangeAsync(1);
        var t = s.Today;

        var preview = await PreviewAsync(s.Commander, s.V2);

        Assert.Equal((1, 1, 0, 0), (preview.OpenPlans, preview.Changed, preview.Unchanged, preview.ManualDecision));
        Assert.Equal((s.Policy, 2, t), (preview.Target.Name, preview.Target.Version, preview.SwitchDay));
        var row = Assert.Single(preview.Rows.Items);
        Assert.Equal((s.Plans[0], t.AddDays(14), t.AddDays(7), "Changed", "有变化"), (row.PlanId, row.OldEnd, row.NewEnd, row.Outcome, row.OutcomeLabel));
        Assert.Equal([t.AddDays(1), t.AddDays(14)], row.OldTestDays);
        Assert.Equal([t.AddDays(1), t.AddDays(7)], row.NewTestDays);
        Assert.Equal($"{s.Policy} v1", row.OldPolicy);
        var stored = await StoredAsync(s.Plans[0]);
        Assert.Equal((t.AddDays(14), (int?)1), (stored.EndsOn, stored.PolicyVersion)); // the preview writes nothing
    }

    [Fact]
    public async Task ApplyPolicySwitch_ChosenPlan_OnlyThatPlanRewrittenWithTheNewVersionAndAnAuditLine()
    {
        var s = await ArrangeAsync(2);
        var t = s.Today;

        var result = await ApplyAsync(s.Commander, new { to = s.V2, planIds = new[] { s.Plans[0] } });

        Assert.Equal(new ApplyPolicySwitch.Response(1, 0, 0, 0), result);
        var switched = await StoredAsync(s.Plans[0]);
        Assert.Equal((t.AddDays(7), (int?)2, PlanStatus.Active, (Guid?)s.V2), (switched.EndsOn, switched.PolicyVersion, switched.Status, switched.PolicyId));
        Assert.Equal([t.AddDays(1), t.AddDays(7)], switched.Tests.Select(x => x.Due).Order());
        var other = await StoredAsync(s.Plans[1]);
        Assert.Equal((t.AddDays(14), (int?)1), (other.EndsOn, other.PolicyVersion));
        var line = Assert.Single(await app.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.EntityId == s.Plans[0].ToString() && a.Action == AuditAction.Bulk && a.Changes.Contains("原结束日期"))
            .Select(a => a.Changes).ToListAsync()));
        Assert.Contains($"\"原结束日期\":\"{t.AddDays(14):yyyy-MM-dd}\"", line, StringComparison.Ordinal);
        Assert.Contains($"\"新结束日期\":\"{t.AddDays(7):yyyy-MM-dd}\"", line, StringComparison.Ordinal);
        Assert.Contains("\"新版本\":2", line, StringComparison.Ordinal);
        Assert.Equal(0, (await PreviewAsync(s.Commander, s.V2, "Changed")).Rows.Items.Count(r => r.PlanId == s.Plans[0]));
    }

    [Fact]
    public async Task ApplyPolicySwitch_All_RewritesEveryChangedPlanAndKeepsATestThatHasAResult()
    {
        var s = await ArrangeAsync(3, confirm: false);
        var t = s.Today;
        await app.WithDbAsync(db => db.PlanTests.Where(x => x.ControlPlanId == s.Plans[2] && x.Due == t.AddDays(14))
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.Result, TestResult.Negative)));

        var result = await ApplyAsync(s.Commander, new { to = s.V2, all = true });

        Assert.Equal(new ApplyPolicySwitch.Response(3, 0, 0, 0), result);
        foreach (var id in s.Plans)
        {
            var plan = await StoredAsync(id);
            Assert.Equal((t.AddDays(7), (int?)2, PlanStatus.Proposed), (plan.EndsOn, plan.PolicyVersion, plan.Status));
        }

        var withResult = await StoredAsync(s.Plans[2]);
        Assert.Equal([(t.AddDays(1), (TestResult?)null), (t.AddDays(7), null), (t.AddDays(14), TestResult.Negative)],
            withResult.Tests.OrderBy(x => x.Due).Select(x => (x.Due, x.Result)));
    }

    [Fact]
    public async Task PolicySwitch_TargetWithoutARuleForTheCategory_ManualDecisionAndNothingApplied()
    {
        var s = await ArrangeAsync(1);
        var xinping = await PlanKit.PolicyAsync(app, PlanKit.Xinping);
        var target = await app.WithDbAsync(db => db.Policies.Where(p => p.Name == xinping).Select(p => p.Id).SingleAsync());

        var preview = await PreviewAsync(s.Commander, target);
        var result = await ApplyAsync(s.Commander, new { to = target, all = true });

        Assert.Equal(("ManualDecision", "新规则无对应条款，需人工决定"), (Assert.Single(preview.Rows.Items).Outcome, preview.Rows.Items[0].OutcomeLabel));
        Assert.Equal(new ApplyPolicySwitch.Response(0, 0, 1, 0), result);
        Assert.Equal((int?)1, (await StoredAsync(s.Plans[0])).PolicyVersion);
    }

    [Fact]
    public async Task PolicySwitch_OtherCountysPlan_NotShownAndNotApplied()
    {
        var s = await ArrangeAsync(1);
        var other = await ArrangeAsync(1);

        var preview = await PreviewAsync(s.Commander, s.V2);
        var result = await ApplyAsync(s.Commander, new { to = other.V2, planIds = new[] { other.Plans[0] } });

        Assert.DoesNotContain(preview.Rows.Items, r => r.PlanId == other.Plans[0]);
        Assert.Equal(new ApplyPolicySwitch.Response(0, 0, 0, 1), result);
        Assert.Equal((int?)1, (await StoredAsync(other.Plans[0])).PolicyVersion);
    }

    [Fact]
    public async Task PolicySwitch_VillageOfficer_403OnPreviewAndApply()
    {
        var s = await ArrangeAsync(1);
        var officer = await app.ApiClientAsync(await TestUsers.CreateAsync(app, (Role.VillageOfficer, s.Tree.Village1.Id)));

        var preview = await officer.GetAsync($"/api/plans/policy-switch?to={s.V2}");
        var apply = await officer.PostAsJsonAsync("/api/plans/policy-switch", new { to = s.V2, all = true });

        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden), (preview.StatusCode, apply.StatusCode));
        Assert.Equal((int?)1, (await StoredAsync(s.Plans[0])).PolicyVersion);
    }

    [Fact]
    public async Task ApplyPolicySwitch_NoTargetOrNoPlans_400NamingTheFieldsInChinese()
    {
        var s = await ArrangeAsync(0);

        var response = await s.Commander.PostAsJsonAsync("/api/plans/policy-switch", new { planIds = Array.Empty<Guid>() });
        var unknown = await s.Commander.PostAsJsonAsync("/api/plans/policy-switch", new { to = Guid.NewGuid(), all = true });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<HttpValidationProblemDetails>(TestJson.Options))!.Errors;
        Assert.Equal(["管控规则：请选择要切换到的规则版本"], errors["To"]);
        Assert.Equal(["计划：请选择要切换的计划，或选择全部应用"], errors["PlanIds"]);
        var unknownErrors = (await unknown.Content.ReadFromJsonAsync<HttpValidationProblemDetails>(TestJson.Options))!.Errors;
        Assert.Equal(["管控规则：该版本不存在或已撤回"], unknownErrors["To"]);
    }

    [Fact]
    public async Task PolicySwitchPage_CommanderTicksAPlanAndApplies_PlanSwitchedAndCountShown()
    {
        var s = await ArrangeAsync(2);
        var user = await TestUsers.CreateAsync(app, (Role.CountyCommander, s.Tree.County.Id));
        var client = await app.PageClientAsync(user);
        var url = $"/policies/{s.V2}/switch";

        var html = await client.GetStringAsync(url);
        var form = await Forms.GetFormAsync(client, url, "policy-switch");
        form["planId"] = s.Plans[1].ToString();
        form["scope"] = "chosen";
        var response = await Forms.PostAsync(client, url, form);
        var after = await client.GetStringAsync(response.Headers.Location);

        Assert.Contains($"切换管控规则：{s.Policy} 第 2 版", html, StringComparison.Ordinal);
        Assert.Contains($"{s.Today.AddDays(14):MM-dd} → <strong>{s.Today.AddDays(7):MM-dd}</strong>", html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"switch-changed\">2<", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("已切换 1 份计划", after, StringComparison.Ordinal);
        Assert.Equal((int?)2, (await StoredAsync(s.Plans[1])).PolicyVersion);
        Assert.Equal((int?)1, (await StoredAsync(s.Plans[0])).PolicyVersion);
    }
}
