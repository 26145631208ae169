using System.Net.Http.Json;
using GridGuard.Platform.Auth;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace GridGuard.Tests.Infrastructure;

public sealed record TestUser(Guid Id, string UserName, string Password);

/// <summary>Users with roles at nodes, and HTTP clients signed in as them.</summary>
public static class TestUsers
{
    public const string Password = "Test-pass-1234";

    public static async Task<TestUser> CreateAsync(AppFactory app, params (Role Role, Guid JurisdictionId)[] grants)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var db = scope.ServiceProvider.GetRequiredService<GridGuard.Platform.Data.AppDbContext>();
        var user = new AppUser
        {
            UserName = "u" + Guid.NewGuid().ToString("N")[..12],
            DisplayName = "测试用户",
            CreatedAt = app.Clock.GetUtcNow().UtcDateTime,
        };
        var result = await users.CreateAsync(user, Password);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
        foreach (var (role, jurisdictionId) in grants)
        {
            db.RoleAssignments.Add(new RoleAssignment { UserId = user.Id, Role = role, JurisdictionId = jurisdictionId });
        }

        await db.SaveChangesAsync();
        return new TestUser(user.Id, user.UserName, Password);
    }

    /// <summary>An API client that sends a bearer token obtained from /api/auth/token.</summary>
    public static async Task<HttpClient> ApiClientAsync(this AppFactory app, TestUser user)
    {
        var client = app.CreateClient();
        var response = await client.PostAsJsonAsync("/api/auth/token", new { userName = user.UserName, password = user.Password });
        response.EnsureSuccessStatusCode();
        var token = await response.Content.ReadFromJsonAsync<TokenResponse>(TestJson.Options);
        client.DefaultRequestHeaders.Authorization = new("Bearer", token!.AccessToken);
        return client;
    }

    /// <summary>A browser-like client (cookies, no auto-redirect) signed in through the login page.</summary>
    public static async Task<HttpClient> PageClientAsync(this AppFactory app, TestUser user)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var form = await Forms.GetFormAsync(client, "/login", "login");
        form["Input.UserName"] = user.UserName;
        form["Input.Password"] = user.Password;
        var response = await Forms.PostAsync(client, "/login", form);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    private sealed record TokenResponse(string AccessToken);
}
