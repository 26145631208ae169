using System.Net;
using System.Net.Http.Json;
using GridGuard.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace GridGuard.Tests.Platform.Auth;

/// <summary>/account/password and POST /api/auth/password.</summary>
[Collection(AppCollection.Name)]
public sealed class ChangePasswordTests(AppFactory app)
{
    private const string NewPassword = "New-pass-5678";

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string current, string next, string confirm)
    {
        var form = await Forms.GetFormAsync(client, "/account/password", "change-password");
        form["Input.CurrentPassword"] = current;
        form["Input.NewPassword"] = next;
        form["Input.ConfirmPassword"] = confirm;
        return await Forms.PostAsync(client, "/account/password", form);
    }

    private async Task<HttpStatusCode> TokenStatusAsync(TestUser user, string password) =>
        (await app.CreateClient().PostAsJsonAsync("/api/auth/token", new { userName = user.UserName, password })).StatusCode;

    [Fact]
    public async Task ChangePassword_Page_ConfirmsAndOnlyTheNewPasswordWorks()
    {
        var user = await TestUsers.CreateAsync(app);
        var client = await app.PageClientAsync(user);

        var response = await PostAsync(client, user.Password, NewPassword, NewPassword);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Contains("data-testid=\"password-changed\"", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, await TokenStatusAsync(user, user.Password));
        Assert.Equal(HttpStatusCode.OK, await TokenStatusAsync(user, NewPassword));
        // The browser that changed it stays signed in.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task ChangePassword_WrongCurrentPassword_SaysSoAndKeepsOldPassword()
    {
        var user = await TestUsers.CreateAsync(app);
        var client = await app.PageClientAsync(user);

        var response = await PostAsync(client, "Wrong-secret-987", NewPassword, NewPassword);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Contains("当前密码：不正确", html, StringComparison.Ordinal);
        Assert.DoesNotContain(NewPassword, html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, await TokenStatusAsync(user, user.Password));
    }

    [Fact]
    public async Task ChangePassword_ConfirmationDiffers_NamesConfirmField()
    {
        var user = await TestUsers.CreateAsync(app);
        var client = await app.PageClientAsync(user);

        var response = await PostAsync(client, user.Password, NewPassword, NewPassword + "x");

        Assert.Contains("确认新密码：与新密码不一致", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, await TokenStatusAsync(user, user.Password));
    }

    [Fact]
    public async Task ChangePassword_WeakNewPassword_NamesNewPasswordField()
    {
        var user = await TestUsers.CreateAsync(app);
        var client = await app.PageClientAsync(user);

        var response = await PostAsync(client, user.Password, "abc", "abc");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Contains("新密码：至少 8 位", html, StringComparison.Ordinal);
        Assert.Contains("新密码：至少包含一个数字", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChangePassword_EmptyFields_NameEachField()
    {
        var user = await TestUsers.CreateAsync(app);
        var client = await app.PageClientAsync(user);

        var html = await (await PostAsync(client, "", "", "")).Content.ReadAsStringAsync();

        Assert.Contains("当前密码：必填", html, StringComparison.Ordinal);
        Assert.Contains("新密码：必填", html, StringComparison.Ordinal);
        Assert.Contains("确认新密码：必填", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChangePassword_Anonymous_RedirectsToLogin()
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await client.GetAsync("/account/password");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/login", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChangePasswordApi_Valid_Returns204AndNewPasswordWorks()
    {
        var user = await TestUsers.CreateAsync(app);
        var client = await app.ApiClientAsync(user);

        var response = await client.PostAsJsonAsync("/api/auth/password",
            new { currentPassword = user.Password, newPassword = NewPassword, confirmPassword = NewPassword });

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, await TokenStatusAsync(user, NewPassword));
    }

    [Fact]
    public async Task ChangePasswordApi_WrongCurrent_Returns400NamingField()
    {
        var user = await TestUsers.CreateAsync(app);
        var client = await app.ApiClientAsync(user);

        var response = await client.PostAsJsonAsync("/api/auth/password",
            new { currentPassword = "Wrong-secret-987", newPassword = NewPassword, confirmPassword = NewPassword });
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("CurrentPassword", body, StringComparison.Ordinal);
        Assert.Contains("当前密码：不正确", body, StringComparison.Ordinal);
    }
}
