using System.Net;
using System.Net.Http.Json;
using GridGuard.Features.Canvassing;
using GridGuard.Features.ControlPlans;
using GridGuard.Features.ControlPlans.Release;
using GridGuard.Features.Monitoring;
using GridGuard.Features.Policies;
using GridGuard.Platform.Audit;
using GridGuard.Platform.Auth;
using GridGuard.Tests.Features.Canvassing;
using GridGuard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Tests.Features.ControlPlans.Release;

[Collection(AppCollection.Name)]
public sealed class ReleasePlanTests(AppFactory app)
{
    private static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    private DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(app.Clock.GetUtcNow().UtcDateTime, Zone));

    /// <summary>An active home-quarantine plan in grid 1 whose last day is <paramref name="endsIn"/> days from today, with its last test on that day.</summary>
    private async Task<Setup> ArrangeAsync(int endsIn = -1, TestResult? lastResult = TestResult.Negative)
    {
        var tree = await TestTree.CreateAsync(app);
        var person = await Registry.PersonAsync(app, tree.Grid1, null, "解除" + Guid.NewGuid().ToString("N")[..4]);
        var end = Today.AddDays(endsIn);
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var plan = new ControlPlan
        {
            PersonId = person.Id,
            JurisdictionId = tree.Grid1.Id,
            Source = PlanSource.Manual,
            Category = KeyPersonCategory.Returnee,
            RiskLevel = RiskLevel.Medium,
            Anchor = end.AddDays(-14),
            RegisteredOn = end.AddDays(-14),
            EndsOn = end,
            Status = PlanStatus.Active,
            PolicyName = "2021-01 春节",
            PolicyVersion = 1,
            RuleId = "Returnee:Medium",
            CreatedAt = now,
            UpdatedAt = now,
        };
        plan.Phases.Add(new PlanPhase { ControlPlanId = plan.Id, Number = 1, Kind = PhaseKind.HomeQuarantine, RuleKind = PhaseKind.HomeQuarantine, Start = end.AddDays(-13), End = end, ChecksPerDay = 2 });
        plan.Tests.Add(new PlanTest { ControlPlanId = plan.Id, Due = end.AddDays(-13), Covers = "1:1", Result = TestResult.Negative });
        plan.Tests.Add(new PlanTest { ControlPlanId = plan.Id, Due = end, Covers = "1:14", Result = lastResult });
        await app.WithDbAsync(async db =>
        {
            db.ControlPlans.Add(plan);
            await db.SaveChangesAsync();
        });
        var steward = await TestUsers.CreateAsync(app, (Role.GridManager, tree.Grid1.Id));
        var medic = await TestUsers.CreateAsync(app, (Role.MedicalStaff, tree.Grid1.Id));
        return new Setup(tree, plan.Id, person.Name, steward, medic, await app.ApiClientAsync(steward), await app.ApiClientAsync(medic));
    }

    private sealed record Setup(TestTree Tree, Guid PlanId, string PersonName, TestUser StewardUser, TestUser MedicUser, HttpClient Steward, HttpClient Medic);

    private static Task<HttpResponseMessage> SignAsync(HttpClient client, Guid planId, string kind) =>
        client.PostAsJsonAsync($"/api/plans/{planId}/release/sign", new { @as = kind });

    private Task<ControlPlan> StoredAsync(Guid id) => app.WithDbAsync(db => db.ControlPlans.AsNoTracking().SingleAsync(p => p.Id == id));

    [Fact]
    public async Task Release_AllFourConditionsHold_SecondSignatureReleasesTheAuditedPlan()
    {
        var s = await ArrangeAsync();

        var first = await SignAsync(s.Steward, s.PlanId, "Steward");
        var afterFirst = await StoredAsync(s.PlanId);
        var second = await SignAsync(s.Medic, s.PlanId, "Medical");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(PlanStatus.Active, afterFirst.Status);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var status = (await second.Content.ReadFromJsonAsync<ReleasePlan.Status>(TestJson.Options))!;
        Assert.All(status.Conditions, c => Assert.True(c.Met, c.Name));
        var stored = await StoredAsync(s.PlanId);
        Assert.Equal((PlanStatus.Released, true), (stored.Status, stored.ReleasedAt is not null));
        var line = Assert.Single(await app.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.EntityId == s.PlanId.ToString() && a.Action == AuditAction.Bulk && a.Changes.Contains("签字")).Select(a => a.Changes).ToListAsync()));
        Assert.Contains("包保医务人员", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("phase", "管控期已满")]
    [InlineData("test", "最后一次核酸检测阴性")]
    [InlineData("check", "近 24 小时无异常健康监测")]
    public async Task Release_OneConditionMissing_SignatureRefusedNamingIt(string missing, string condition)
    {
        var s = await ArrangeAsync(endsIn: missing == "phase" ? 0 : -1, lastResult: missing == "test" ? null : TestResult.Negative);
        if (missing == "check")
        {
            await app.WithDbAsync(async db =>
            {
                var plan = await db.ControlPlans.SingleAsync(p => p.Id == s.PlanId);
                db.HealthChecks.Add(new HealthCheck
                {
                    ControlPlanId = plan.Id,
                    PersonId = plan.PersonId,
                    JurisdictionId = plan.JurisdictionId,
                    Temperature = 37.6,
                    Abnormal = true,
                    CheckedById = s.StewardUser.Id,
                    CheckedAt = app.Clock.GetUtcNow().UtcDateTime.AddHours(-3),
                });
                await db.SaveChangesAsync();
            });
        }

        var response = await SignAsync(s.Steward, s.PlanId, "Steward");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains(condition, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(db => db.PlanSignatures.AnyAsync(x => x.ControlPlanId == s.PlanId)));
    }

    [Fact]
    public async Task Release_SameUserSignsTwice_RefusedAndThePlanStaysActive()
    {
        var s = await ArrangeAsync();
        var both = await TestUsers.CreateAsync(app, (Role.GridManager, s.Tree.Grid1.Id), (Role.MedicalStaff, s.Tree.Grid1.Id));
        var client = await app.ApiClientAsync(both);

        var first = await SignAsync(client, s.PlanId, "Steward");
        var second = await SignAsync(client, s.PlanId, "Medical");

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.Conflict), (first.StatusCode, second.StatusCode));
        Assert.Contains("同一人不能签两次", await second.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(PlanStatus.Active, (await StoredAsync(s.PlanId)).Status);
    }

    [Fact]
    public async Task Release_WrongRoleOrOtherVillage_403Or404()
    {
        var s = await ArrangeAsync();
        var other = await app.ApiClientAsync(await TestUsers.CreateAsync(app, (Role.VillageOfficer, s.Tree.Village3.Id)));

        var asMedic = await SignAsync(s.Steward, s.PlanId, "Medical");
        var outside = await SignAsync(other, s.PlanId, "Steward");
        var outsideView = await other.GetAsync($"/api/plans/{s.PlanId}/release");

        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.NotFound, HttpStatusCode.NotFound), (asMedic.StatusCode, outside.StatusCode, outsideView.StatusCode));
    }

    [Fact]
    public async Task RecordTestResult_ThenPapers_NoticeAlwaysCertificateOnlyAfterRelease()
    {
        var s = await ArrangeAsync(lastResult: null);
        var testId = await app.WithDbAsync(db => db.PlanTests.Where(t => t.ControlPlanId == s.PlanId && t.Result == null).Select(t => t.Id).SingleAsync());
        var page = await app.PageClientAsync(s.StewardUser);

        var bad = await s.Medic.PostAsJsonAsync($"/api/plans/{s.PlanId}/tests/{testId}/result", new { result = "阴" });
        var recorded = await s.Medic.PostAsJsonAsync($"/api/plans/{s.PlanId}/tests/{testId}/result", new { result = "Negative" });
        var again = await s.Medic.PostAsJsonAsync($"/api/plans/{s.PlanId}/tests/{testId}/result", new { result = "Positive" });
        var notice = await page.GetStringAsync($"/plans/{s.PlanId}/notice");
        var early = await page.GetAsync($"/plans/{s.PlanId}/certificate");
        await SignAsync(s.Steward, s.PlanId, "Steward");
        await SignAsync(s.Medic, s.PlanId, "Medical");
        var certificate = await page.GetStringAsync($"/plans/{s.PlanId}/certificate");

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.OK, HttpStatusCode.Conflict), (bad.StatusCode, recorded.StatusCode, again.StatusCode));
        Assert.Contains("居家隔离医学观察告知书", notice, StringComparison.Ordinal);
        Assert.Contains(s.PersonName, notice, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, early.StatusCode);
        Assert.Contains("解除管控证明", certificate, StringComparison.Ordinal);
        Assert.Contains(s.PersonName, certificate, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReleasePage_StewardRecordsTheResultAndSigns_ChecklistUpdatedAndMedicFinishes()
    {
        var s = await ArrangeAsync(lastResult: null);
        var page = await app.PageClientAsync(s.StewardUser);
        var url = $"/plans/{s.PlanId}/release";
        var testId = await app.WithDbAsync(db => db.PlanTests.Where(t => t.ControlPlanId == s.PlanId && t.Result == null).Select(t => t.Id).SingleAsync());

        var before = await page.GetStringAsync(url);
        var form = await Forms.GetFormAsync(page, url, "result-" + testId);
        form["result"] = "Negative";
        var recorded = await Forms.PostAsync(page, url, form);
        var sign = await Forms.GetFormAsync(page, url, "sign-Steward");
        var signed = await Forms.PostAsync(page, url, sign);
        var after = await page.GetStringAsync(url);
        var medicPage = await app.PageClientAsync(s.MedicUser);
        var medicForm = await Forms.GetFormAsync(medicPage, url, "sign-Medical");
        await Forms.PostAsync(medicPage, url, medicForm);
        var done = await medicPage.GetStringAsync(url);

        Assert.Contains("尚无结果", before, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"release-sign-Steward\"", before, StringComparison.Ordinal);
        Assert.Equal((HttpStatusCode.Redirect, HttpStatusCode.Redirect), (recorded.StatusCode, signed.StatusCode));
        Assert.Contains("包保干部：", after, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"release-sign-Steward\"", after, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"release-done\"", done, StringComparison.Ordinal);
        Assert.Contains($"/plans/{s.PlanId}/certificate", done, StringComparison.Ordinal);
    }
}
