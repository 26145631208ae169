using System.Net;
using GridGuard.Platform.Auth;
using GridGuard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Tests.Platform.Auth.Admin;

/// <summary>The pages under /admin/users call the same handlers as the API; these tests post their forms.</summary>
[Collection(AppCollection.Name)]
public sealed class AdminUsersPagesTests(AppFactory app)
{
    private static string NewName() => "p" + Guid.NewGuid().ToString("N")[..12];

    private static string Location(HttpResponseMessage response) =>
        response.Headers.Location is { } l ? (l.IsAbsoluteUri ? l.PathAndQuery : l.OriginalString) : "";

    private static async Task<HttpResponseMessage> CreateAsync(HttpClient client, string userName, string displayName, string password)
    {
        var form = await Forms.GetFormAsync(client, "/admin/users/new", "create-user");
        form["Input.UserName"] = userName;
        form["Input.DisplayName"] = displayName;
        form["Input.PhoneNumber"] = "";
        form["Input.Password"] = password;
        return await Forms.PostAsync(client, "/admin/users/new", form);
    }

    [Fact]
    public async Task CreateUserPage_ThenAssignRole_UserCanLogInAndSeesSubtree()
    {
        var tree = await TestTree.CreateAsync(app);
        var admin = await app.PageClientAsync(await TestUsers.CreateAsync(app, (Role.Admin, tree.County.Id)));
        var userName = NewName();

        var created = await CreateAsync(admin, userName, "新来的网格员", TestUsers.Password);
        var detailUrl = Location(created);
        var id = Guid.Parse(detailUrl.Split('/', '?')[3]);
        var form = await Forms.GetFormAsync(admin, detailUrl, "assign");
        form["Assign.Role"] = nameof(Role.GridManager);
        form["Assign.JurisdictionCode"] = tree.Grid1.Code;
        var assigned = await Forms.PostAsync(admin, detailUrl, form);
        var page = await admin.GetStringAsync(Location(assigned));

        Assert.StartsWith($"/admin/users/{id}?done=created", detailUrl, StringComparison.Ordinal);
        Assert.Equal($"/admin/users/{id}?done=assigned", Location(assigned));
        Assert.Contains("岗位已授予", page, StringComparison.Ordinal);
        Assert.Contains(tree.Grid1.Code, page, StringComparison.Ordinal);
        var newcomer = await app.ApiClientAsync(new TestUser(id, userName, TestUsers.Password));
        Assert.Equal(HttpStatusCode.OK, (await newcomer.GetAsync($"/api/jurisdictions/{tree.Grid1.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await newcomer.GetAsync($"/api/jurisdictions/{tree.Village3.Id}")).StatusCode);
    }

    [Fact]
    public async Task CreateUserPage_DuplicateUserName_ShowsMessageUnderField()
    {
        var tree = await TestTree.CreateAsync(app);
        var admin = await app.PageClientAsync(await TestUsers.CreateAsync(app, (Role.Admin, tree.County.Id)));
        var existing = await TestUsers.CreateAsync(app);

        var response = await CreateAsync(admin, existing.UserName, "重名", TestUsers.Password);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"用户名：“{existing.UserName}”已被使用", html, StringComparison.Ordinal);
        Assert.DoesNotContain(TestUsers.Password, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateUserPage_EmptyFields_NameEachField()
    {
        var tree = await TestTree.CreateAsync(app);
        var admin = await app.PageClientAsync(await TestUsers.CreateAsync(app, (Role.Admin, tree.County.Id)));

        var html = await (await CreateAsync(admin, "", "", "")).Content.ReadAsStringAsync();

        Assert.Contains("用户名：必填", html, StringComparison.Ordinal);
        Assert.Contains("姓名：必填", html, StringComparison.Ordinal);
        Assert.Contains("初始密码：必填", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AssignRolePage_CodeOutsideDomain_ShowsMessageAndWritesNothing()
    {
        var tree = await TestTree.CreateAsync(app);
        var admin = await app.PageClientAsync(await TestUsers.CreateAsync(app, (Role.Admin, tree.Township1.Id)));
        var user = await TestUsers.CreateAsync(app, (Role.Steward, tree.Grid1.Id));
        var url = $"/admin/users/{user.Id}";

        var form = await Forms.GetFormAsync(admin, url, "assign");
        form["Assign.Role"] = nameof(Role.Steward);
        form["Assign.JurisdictionCode"] = tree.Grid3.Code;
        var response = await Forms.PostAsync(admin, url, form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("不在您的管辖范围内", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(1, await app.WithDbAsync(db => db.RoleAssignments.CountAsync(r => r.UserId == user.Id)));
    }

    [Fact]
    public async Task UserDetailPage_RevokeAndDeactivate_Apply()
    {
        var tree = await TestTree.CreateAsync(app);
        var admin = await app.PageClientAsync(await TestUsers.CreateAsync(app, (Role.Admin, tree.County.Id)));
        var user = await TestUsers.CreateAsync(app, (Role.Steward, tree.Grid1.Id));
        var grant = await app.WithDbAsync(db => db.RoleAssignments.Where(r => r.UserId == user.Id).Select(r => r.Id).SingleAsync());
        var url = $"/admin/users/{user.Id}";

        var revoke = await Forms.GetFormAsync(admin, url, "revoke");
        revoke["Revoke.AssignmentId"] = grant.ToString();
        var revoked = await Forms.PostAsync(admin, url, revoke);
        var status = await Forms.GetFormAsync(admin, url, "status");
        status["Status.Action"] = "deactivate";
        var deactivated = await Forms.PostAsync(admin, url, status);

        Assert.Equal($"{url}?done=revoked", Location(revoked));
        Assert.Equal($"{url}?done=deactivated", Location(deactivated));
        Assert.False(await app.WithDbAsync(db => db.RoleAssignments.AnyAsync(r => r.Id == grant)));
        Assert.False(await app.WithDbAsync(db => db.Users.Where(u => u.Id == user.Id).Select(u => u.IsActive).SingleAsync()));
    }

    [Fact]
    public async Task UserListPage_Search_FindsUserInDomainOnly()
    {
        var tree = await TestTree.CreateAsync(app);
        var admin = await app.PageClientAsync(await TestUsers.CreateAsync(app, (Role.Admin, tree.Township2.Id)));
        var inside = await TestUsers.CreateAsync(app, (Role.Volunteer, tree.Village3.Id));
        var outside = await TestUsers.CreateAsync(app, (Role.Volunteer, tree.Village1.Id));

        var found = await admin.GetStringAsync($"/admin/users?q={inside.UserName}");
        var hidden = await admin.GetStringAsync($"/admin/users?q={outside.UserName}");
        var detail = await admin.GetStringAsync($"/admin/users/{outside.Id}");

        Assert.Contains($"/admin/users/{inside.Id}", found, StringComparison.Ordinal);
        Assert.DoesNotContain($"/admin/users/{outside.Id}", hidden, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"not-found\"", detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/admin/users")]
    [InlineData("/admin/users/new")]
    [InlineData("/admin/users/{self}")]
    public async Task AdminPages_NonAdmin_AreForbidden(string url)
    {
        var tree = await TestTree.CreateAsync(app);
        var user = await TestUsers.CreateAsync(app, (Role.CountyCommander, tree.County.Id));
        var client = await app.PageClientAsync(user);

        var response = await client.GetAsync(url.Replace("{self}", user.Id.ToString(), StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/forbidden", Location(response), StringComparison.Ordinal);
    }
}
