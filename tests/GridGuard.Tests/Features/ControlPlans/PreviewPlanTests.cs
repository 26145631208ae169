using System.Net;
using System.Net.Http.Json;
using GridGuard.Features.ControlPlans.Plans;
using GridGuard.Features.Policies;
using GridGuard.Tests.Features.Canvassing;
using GridGuard.Tests.Features.Households;
using GridGuard.Tests.Infrastructure;

namespace GridGuard.Tests.Features.ControlPlans;

/// <summary>
/// POST /api/plans/preview, the API contract: anyone may call it, it stores nothing, the stays' level comes from
/// the stored risk-area list with the county rule, special groups from the declared groups and the ID number's birth date.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class PreviewPlanTests(AppFactory app)
{
    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private async Task<HttpResponseMessage> PreviewAsync(object body) =>
        await app.CreateClient().PostAsJsonAsync("/api/plans/preview", body);

    private async Task<PreviewPlan.Response> OkAsync(object body)
    {
        var response = await PreviewAsync(body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<PreviewPlan.Response>(TestJson.Options))!;
    }

    [Fact]
    public async Task PreviewPlan_AnonymousReturneeFromAMediumArea_Home14WithTestsOnDays1And14AndNothingStored()
    {
        var city = TestTree.NewCountyCode();
        var anchor = Registry.Today(app);
        await PlanKit.AreaAsync(app, city, RiskLevel.Medium, anchor.AddDays(-30));
        var plansBefore = await app.WithDbAsync(db => Task.FromResult(db.ControlPlans.Count()));

        var plan = await OkAsync(new
        {
            policy = PlanKit.Chunjie,
            category = "Returnee",
            anchorDate = Day(anchor),
            registeredOn = Day(anchor),
            stays = new[] { new { divisionCode = city, from = Day(anchor.AddDays(-10)), to = Day(anchor.AddDays(-1)) } },
            testProof = (object?)null,
        });

        Assert.Equal(("Medium", PlanKit.Chunjie, (int?)1, "Returnee:Medium", false, (string?)null),
            (plan.RiskLevel, plan.Policy, plan.PolicyVersion, plan.Rule, plan.ManualDecisionRequired, plan.Exception));
        var phase = Assert.Single(plan.Phases);
        Assert.Equal(("HomeQuarantine", anchor.AddDays(1), anchor.AddDays(14), 2), (phase.Kind, phase.Start, phase.End, phase.ChecksPerDay));
        Assert.Equal([anchor.AddDays(1), anchor.AddDays(14)], plan.Tests.Select(t => t.Due));
        Assert.Equal(plansBefore, await app.WithDbAsync(db => Task.FromResult(db.ControlPlans.Count())));
    }

    [Fact]
    public async Task PreviewPlan_StayInACountyWithAMediumSubArea_CountyRuleMakesItMedium()
    {
        var county = TestTree.NewCountyCode();
        var anchor = Registry.Today(app);
        await app.WithDbAsync(async db =>
        {
            var now = app.Clock.GetUtcNow().UtcDateTime;
            db.RiskAreas.Add(new RiskArea { PlaceCode = county, SubArea = "某小区", Level = RiskLevel.Medium, From = anchor.AddDays(-30), Source = "测试", CreatedAt = now, UpdatedAt = now });
            await db.SaveChangesAsync();
        });

        var plan = await OkAsync(new
        {
            policy = PlanKit.Chunjie,
            category = "Returnee",
            anchorDate = Day(anchor),
            stays = new[] { new { divisionCode = county, from = Day(anchor.AddDays(-5)), to = Day(anchor.AddDays(-1)) } },
        });

        Assert.Equal(("Medium", "Returnee:Medium"), (plan.RiskLevel, plan.Rule));
    }

    [Fact]
    public async Task PreviewPlan_CloseContactChildByIdNumber_SpecialGroupHomeExceptionProposed()
    {
        var anchor = Registry.Today(app);
        var child = Registry.NewIdNumber(anchor.AddYears(-8));

        var plan = await OkAsync(new { policy = PlanKit.Chunjie, category = "CloseContact", anchorDate = Day(anchor), idNumber = child });

        Assert.Equal(("CloseContact", "SpecialGroupHome"), (plan.Rule, plan.Exception));
        Assert.Equal("HomeQuarantine", Assert.Single(plan.Phases).Kind);
        Assert.Null(plan.RiskLevel);
    }

    [Fact]
    public async Task PreviewPlan_LowRiskWithANegativeProof_NoPhasesAndNoTestToTake()
    {
        var anchor = Registry.Today(app);
        var elsewhere = TestTree.NewCountyCode();

        var plan = await OkAsync(new
        {
            policy = PlanKit.Chunjie,
            category = "Returnee",
            anchorDate = Day(anchor),
            stays = new[] { new { divisionCode = elsewhere, from = Day(anchor.AddDays(-3)), to = Day(anchor.AddDays(-1)) } },
            testProof = new { date = Day(anchor.AddDays(-2)), result = "Negative" },
        });

        Assert.Equal(("Low", "Returnee:Low"), (plan.RiskLevel, plan.Rule));
        Assert.Empty(plan.Phases);
        Assert.Empty(plan.Tests);
    }

    [Fact]
    public async Task PreviewPlan_UnmatchedCategory_ManualDecisionRequired()
    {
        var plan = await OkAsync(new { policy = PlanKit.Chunjie, category = "ColdChainWorker", anchorDate = Day(Registry.Today(app)) });

        Assert.True(plan.ManualDecisionRequired);
        Assert.Null(plan.Rule);
        Assert.Empty(plan.Phases);
    }

    [Fact]
    public async Task PreviewPlan_BadInput_ValidationProblemNamingEachFieldInChinese()
    {
        var response = await PreviewAsync(new
        {
            policy = "没有这个规则",
            category = "Tourist",
            stays = new[] { new { divisionCode = "12ab", from = "2026-11-10", to = "2026-11-01" } },
            testProof = new { date = "2026-11-01", result = "maybe" },
            idNumber = "110105199001011231",
            vulnerableGroups = new[] { "Astronaut" },
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await Problem.ReadAsync(response);
        Assert.StartsWith("人员类别：“Tourist”无效", problem.For("Category"), StringComparison.Ordinal);
        Assert.StartsWith("起算日期：不能为空", problem.For("AnchorDate"), StringComparison.Ordinal);
        Assert.StartsWith("旅居史第 1 行地区代码：", problem.For("Stays[0].DivisionCode"), StringComparison.Ordinal);
        Assert.Equal("旅居史第 1 行结束日期：不能早于开始日期", problem.For("Stays[0].To"));
        Assert.StartsWith("核酸证明：", problem.For("TestProof"), StringComparison.Ordinal);
        Assert.StartsWith("特殊人群：“Astronaut”无效", problem.For("VulnerableGroups"), StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(problem.For("IdNumber")));
    }

    [Fact]
    public async Task PreviewPlan_UnknownPolicy_Returns400NamingThePolicy()
    {
        var response = await PreviewAsync(new { policy = "没有这个规则", category = "Returnee", anchorDate = Day(Registry.Today(app)) });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("管控规则：“没有这个规则”不存在或已停用", (await Problem.ReadAsync(response)).For("Policy"));
    }
}
