using System.Net;
using System.Net.Http.Json;
using GridGuard.Platform.Auth;
using GridGuard.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace GridGuard.Tests.Platform.Auth;

/// <summary>The login page and POST /api/auth/token: success, bad input, lockout, deactivated users, safe return URLs.</summary>
[Collection(AppCollection.Name)]
public sealed class LoginTests(AppFactory app)
{
    private HttpClient Browser() =>
        app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    private static async Task<HttpResponseMessage> PostLoginAsync(HttpClient client, string userName, string password, string url = "/login")
    {
        var form = await Forms.GetFormAsync(client, url, "login");
        form["Input.UserName"] = userName;
        form["Input.Password"] = password;
        return await Forms.PostAsync(client, url, form);
    }

    private static string Location(HttpResponseMessage response) =>
        response.Headers.Location is { } l ? (l.IsAbsoluteUri ? l.PathAndQuery : l.OriginalString) : "";

    [Fact]
    public async Task Login_RightPassword_RedirectsHomeSignedIn()
    {
        var tree = await TestTree.CreateAsync(app);
        var user = await TestUsers.CreateAsync(app, (Role.VillageOfficer, tree.Village1.Id));
        var client = Browser();

        var response = await PostLoginAsync(client, user.UserName, user.Password);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", Location(response));
        var home = await client.GetStringAsync("/");
        Assert.Contains(user.UserName, home, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Login_WrongPassword_ShowsChineseErrorAndDoesNotEchoPassword()
    {
        var user = await TestUsers.CreateAsync(app);
        var client = Browser();

        var response = await PostLoginAsync(client, user.UserName, "Wrong-secret-987");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("用户名或密码不正确", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Wrong-secret-987", html, StringComparison.Ordinal);
        Assert.Null(response.Headers.Location);
    }

    [Fact]
    public async Task Login_UnknownUser_ShowsSameMessageAsWrongPassword()
    {
        var response = await PostLoginAsync(Browser(), "nobody" + Guid.NewGuid().ToString("N")[..8], "Whatever-123");

        Assert.Contains("用户名或密码不正确", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Login_EmptyFields_NameEachField()
    {
        var response = await PostLoginAsync(Browser(), "", "");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Contains("用户名：必填", html, StringComparison.Ordinal);
        Assert.Contains("密码：必填", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Login_TooLongFields_NameEachField()
    {
        var response = await PostLoginAsync(Browser(), new string('a', 65), new string('b', 129));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Contains("用户名：不能超过 64 个字符", html, StringComparison.Ordinal);
        Assert.Contains("密码：不能超过 128 个字符", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Login_LocalReturnUrl_RedirectsThere()
    {
        var user = await TestUsers.CreateAsync(app);

        var response = await PostLoginAsync(Browser(), user.UserName, user.Password, "/login?returnUrl=%2Faccount%2Fpassword");

        Assert.Equal("/account/password", Location(response));
    }

    [Theory]
    [InlineData("//evil.example/x")]
    [InlineData("/\\evil.example")]
    [InlineData("https://evil.example/")]
    [InlineData("/\t/evil.example")]
    [InlineData("javascript:alert(1)")]
    public async Task Login_ForeignReturnUrl_RedirectsHomeInstead(string returnUrl)
    {
        var user = await TestUsers.CreateAsync(app);

        var response = await PostLoginAsync(Browser(), user.UserName, user.Password, "/login?returnUrl=" + Uri.EscapeDataString(returnUrl));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", Location(response));
    }

    [Fact]
    public async Task Login_FiveWrongPasswords_LocksOutEvenTheRightOne()
    {
        var user = await TestUsers.CreateAsync(app);
        var client = Browser();
        for (var i = 0; i < 4; i++)
        {
            var wrong = await PostLoginAsync(client, user.UserName, "Wrong-secret-987");
            Assert.Contains("用户名或密码不正确", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var fifth = await PostLoginAsync(client, user.UserName, "Wrong-secret-987");
        var right = await PostLoginAsync(client, user.UserName, user.Password);

        Assert.Contains("已被锁定", await fifth.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Contains("连续 5 次登录失败已被锁定，请 15 分钟后再试", await right.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Login_DeactivatedUser_IsRefusedWithChineseMessage()
    {
        var tree = await TestTree.CreateAsync(app);
        var user = await TestUsers.CreateAsync(app, (Role.VillageOfficer, tree.Village1.Id));
        await DeactivateAsync(user);

        var response = await PostLoginAsync(Browser(), user.UserName, user.Password);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("该账户已停用", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Logout_Post_EndsTheSession()
    {
        var user = await TestUsers.CreateAsync(app);
        var client = await app.PageClientAsync(user);
        var form = await Forms.GetFormAsync(client, "/", "unused");
        form.Remove("_handler");

        var response = await Forms.PostAsync(client, "/logout", form);
        var after = await client.GetAsync("/");

        Assert.Equal("/login", Location(response));
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/login", Location(after), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Logout_WithoutAntiforgeryToken_IsRejectedAndSessionStays()
    {
        var user = await TestUsers.CreateAsync(app);
        var client = await app.PageClientAsync(user);

        var response = await client.PostAsync("/logout", new FormUrlEncodedContent([]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task IssueToken_RightPassword_ReturnsBearerTokenThatWorks()
    {
        var user = await TestUsers.CreateAsync(app);
        var client = app.CreateClient();

        var response = await client.PostAsJsonAsync("/api/auth/token", new { userName = user.UserName, password = user.Password });
        var token = await response.Content.ReadFromJsonAsync<Token>(TestJson.Options);
        client.DefaultRequestHeaders.Authorization = new("Bearer", token!.AccessToken);
        var me = await client.GetFromJsonAsync<GetMe.Response>("/api/auth/me", TestJson.Options);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(user.Id, me!.UserId);
    }

    [Fact]
    public async Task IssueToken_WrongPassword_Returns401WithChineseProblem()
    {
        var user = await TestUsers.CreateAsync(app);

        var response = await app.CreateClient().PostAsJsonAsync("/api/auth/token", new { userName = user.UserName, password = "Wrong-secret-987" });
        var problem = await response.Content.ReadFromJsonAsync<Problem>(TestJson.Options);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("用户名或密码不正确", problem!.Detail);
    }

    [Fact]
    public async Task IssueToken_EmptyFields_Returns400NamingFields()
    {
        var response = await app.CreateClient().PostAsJsonAsync("/api/auth/token", new { userName = "", password = "" });
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("用户名：必填", body, StringComparison.Ordinal);
        Assert.Contains("密码：必填", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IssueToken_FiveWrongPasswords_LocksOut()
    {
        var user = await TestUsers.CreateAsync(app);
        var client = app.CreateClient();
        for (var i = 0; i < 5; i++)
        {
            await client.PostAsJsonAsync("/api/auth/token", new { userName = user.UserName, password = "Wrong-secret-987" });
        }

        var response = await client.PostAsJsonAsync("/api/auth/token", new { userName = user.UserName, password = user.Password });
        var problem = await response.Content.ReadFromJsonAsync<Problem>(TestJson.Options);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("已被锁定", problem!.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IssueToken_DeactivatedUser_IsRefused()
    {
        var user = await TestUsers.CreateAsync(app);
        await DeactivateAsync(user);

        var response = await app.CreateClient().PostAsJsonAsync("/api/auth/token", new { userName = user.UserName, password = user.Password });
        var problem = await response.Content.ReadFromJsonAsync<Problem>(TestJson.Options);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("该账户已停用，请联系管理员", problem!.Detail);
    }

    [Fact]
    public async Task Requests_AfterDeactivation_AreNoLongerSignedIn()
    {
        var user = await TestUsers.CreateAsync(app);
        var api = await app.ApiClientAsync(user);
        var browser = await app.PageClientAsync(user);

        await DeactivateAsync(user);

        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/auth/me")).StatusCode);
        var page = await browser.GetAsync("/");
        Assert.StartsWith("/login", Location(page), StringComparison.Ordinal);
    }

    private async Task DeactivateAsync(TestUser user) =>
        await app.WithDbAsync(async db =>
        {
            var entity = await db.Users.FindAsync(user.Id);
            entity!.IsActive = false;
            await db.SaveChangesAsync();
        });

    private sealed record Token(string AccessToken);

    private sealed record Problem(string? Title, string? Detail);
}
