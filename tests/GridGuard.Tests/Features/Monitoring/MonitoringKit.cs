using System.Net.Http.Json;
using GridGuard.Features.Canvassing;
using GridGuard.Features.ControlPlans;
using GridGuard.Features.Jurisdictions;
using GridGuard.Features.Monitoring.Checks;
using GridGuard.Features.Monitoring.Tasks;
using GridGuard.Features.Policies;
using GridGuard.Tests.Features.Canvassing;
using GridGuard.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace GridGuard.Tests.Features.Monitoring;

/// <summary>Active control plans written straight to the database, and a host with a clock of the test's own.</summary>
public static class MonitoringKit
{
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    /// <summary>An instant given as a wall-clock time in the county zone.</summary>
    public static DateTimeOffset Local(DateOnly day, int hour, int minute = 0) =>
        new(TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(new TimeOnly(hour, minute)), Zone), TimeSpan.Zero);

    /// <summary>
    /// An active plan for a new person in <paramref name="grid"/>: one home phase [start, start + days - 1] with
    /// <paramref name="checksPerDay"/> checks a day, tests on the given days, confirmed at <paramref name="confirmedAt"/>.
    /// </summary>
    public static async Task<ControlPlan> PlanAsync(AppFactory app, Jurisdiction grid, DateOnly start, int days, int checksPerDay,
        DateTimeOffset confirmedAt, DateOnly[]? tests = null, string name = "监测对象", PlanStatus status = PlanStatus.Active,
        Guid? stewardId = null)
    {
        var household = await Registry.HouseholdAsync(app, grid, stewardId: stewardId);
        var person = await Registry.PersonAsync(app, grid, household, name);
        var at = confirmedAt.UtcDateTime;
        var plan = new ControlPlan
        {
            PersonId = person.Id,
            JurisdictionId = grid.Id,
            Source = PlanSource.Manual,
            Category = KeyPersonCategory.Returnee,
            RiskLevel = RiskLevel.Medium,
            Anchor = start.AddDays(-1),
            RegisteredOn = start.AddDays(-1),
            Exception = PlanException.None,
            EndsOn = start.AddDays(days - 1),
            Status = status,
            ConfirmedAt = at,
            CreatedAt = at,
            UpdatedAt = at,
            Phases = [new PlanPhase { Number = 1, Kind = PhaseKind.HomeQuarantine, RuleKind = PhaseKind.HomeQuarantine, Start = start,
                End = start.AddDays(days - 1), ChecksPerDay = checksPerDay }],
            Tests = [.. (tests ?? []).Select(d => new PlanTest { Due = d, Covers = "1:1" })],
        };
        await app.WithDbAsync(async db =>
        {
            db.ControlPlans.Add(plan);
            await db.SaveChangesAsync();
        });
        return plan;
    }

    public static async Task<RecordHealthCheck.Recorded> CheckAsync(HttpClient client, Guid planId, double temperature, params string[] symptoms)
    {
        var response = await client.PostAsJsonAsync($"/api/plans/{planId}/checks", new { temperature, symptoms });
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<RecordHealthCheck.Recorded>(TestJson.Options))!;
    }

    public static async Task<ListTasks.Page> TasksAsync(HttpClient client, string query = "")
    {
        var page = await client.GetFromJsonAsync<ListTasks.Page>($"/api/tasks?{query}", TestJson.Options);
        return page!;
    }

    public static async Task<RunSweep.Summary> SweepAsync(HttpClient commander)
    {
        var response = await commander.PostAsync("/api/tasks/sweep", null);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<RunSweep.Summary>(TestJson.Options))!;
    }
}

/// <summary>The app on the shared database with a <see cref="FakeTimeProvider"/> of one test's own, set where the test needs it.</summary>
public sealed class ClockedHost : IDisposable
{
    public ClockedHost(AppFactory app, DateTimeOffset start)
    {
        Clock = new FakeTimeProvider(start);
        Factory = app.WithWebHostBuilder(b => b.ConfigureServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
        }));
    }

    public FakeTimeProvider Clock { get; }

    public WebApplicationFactory<Program> Factory { get; }

    public async Task<HttpClient> ApiClientAsync(TestUser user)
    {
        var client = Factory.CreateClient();
        var response = await client.PostAsJsonAsync("/api/auth/token", new { userName = user.UserName, password = user.Password });
        response.EnsureSuccessStatusCode();
        var token = await response.Content.ReadFromJsonAsync<Token>(TestJson.Options);
        client.DefaultRequestHeaders.Authorization = new("Bearer", token!.AccessToken);
        return client;
    }

    /// <summary>A browser-like client (cookies, no auto-redirect) signed in through the login page.</summary>
    public async Task<HttpClient> PageClientAsync(TestUser user)
    {
        var client = Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var form = await Forms.GetFormAsync(client, "/login", "login");
        form["Input.UserName"] = user.UserName;
        form["Input.Password"] = user.Password;
        var response = await Forms.PostAsync(client, "/login", form);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    public void Dispose() => Factory.Dispose();

    private sealed record Token(string AccessToken);
}
