using System.Net.Http.Json;
using GridGuard.Features.ControlPlans.Plans;
using GridGuard.Features.Policies;
using GridGuard.Tests.Infrastructure;

namespace GridGuard.Tests.Features.ControlPlans;

/// <summary>
/// Policy and risk-area rows of one test. A policy is a shipped rulebook under a unique name with the shipped effective
/// date (which the shipped version wins ties against), and the tests name it when computing, so other tests' "policy in
/// force" is not changed. Risk areas are placed under a fresh county code, which no tree or other test uses.
/// </summary>
public static class PlanKit
{
    public const string Chunjie = "2021-01 春节";
    public const string Xinping = "2022-11 新平";

    public static async Task<string> PolicyAsync(AppFactory app, string shipped)
    {
        var rulebook = ShippedRulebooks.LoadValid().Single(r => r.Name == shipped);
        var name = $"{shipped} 测试{Guid.NewGuid():N}"[..Math.Min(Policy.NameMaxLength, shipped.Length + 12)];
        await app.WithDbAsync(async db =>
        {
            db.Policies.Add(new Policy
            {
                Name = name,
                Version = 1,
                EffectiveOn = rulebook.EffectiveDate,
                Rules = RulebookJson.Write(rulebook with { Name = name }),
                CreatedAt = app.Clock.GetUtcNow().UtcDateTime,
            });
            await db.SaveChangesAsync();
        });
        return name;
    }

    public static async Task AreaAsync(AppFactory app, string code, RiskLevel level, DateOnly from, DateOnly? to = null)
    {
        await app.WithDbAsync(async db =>
        {
            db.RiskAreas.Add(new RiskArea
            {
                PlaceCode = code,
                Level = level,
                From = from,
                To = to,
                Source = "测试",
                CreatedAt = app.Clock.GetUtcNow().UtcDateTime,
                UpdatedAt = app.Clock.GetUtcNow().UtcDateTime,
            });
            await db.SaveChangesAsync();
        });
    }

    public static async Task<GetPlan.Detail> ComputeAsync(HttpClient client, Guid reportId, string? policy, bool inbound = false)
    {
        var response = await client.PostAsJsonAsync($"/api/arrivals/{reportId}/plan", new { policy, inbound });
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<GetPlan.Detail>(TestJson.Options))!;
    }
}
