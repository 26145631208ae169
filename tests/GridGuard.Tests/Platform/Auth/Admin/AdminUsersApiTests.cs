using System.Net;
using System.Net.Http.Json;
using GridGuard.Platform.Audit;
using GridGuard.Platform.Auth;
using GridGuard.Platform.Auth.Admin;
using GridGuard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Tests.Platform.Auth.Admin;

/// <summary>/api/admin/users: create users, grant and revoke roles at nodes, deactivate, unlock; all inside the admin's domain.</summary>
[Collection(AppCollection.Name)]
public sealed class AdminUsersApiTests(AppFactory app)
{
    private static string NewName() => "n" + Guid.NewGuid().ToString("N")[..12];

    private static async Task<Guid> CreateUserAsync(HttpClient admin, string userName, string password = TestUsers.Password)
    {
        var response = await admin.PostAsJsonAsync("/api/admin/users",
            new { userName, displayName = "新用户", phoneNumber = "13800000000", password });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<CreateUser.Response>(TestJson.Options))!.Id;
    }

    private static Task<HttpResponseMessage> AssignAsync(HttpClient admin, Guid userId, string role, string code) =>
        admin.PostAsJsonAsync($"/api/admin/users/{userId}/roles", new { role, jurisdictionCode = code });

    [Fact]
    public async Task CreateUserAndAssignRole_NewUser_LogsInAndSeesThatSubtreeOnly()
    {
        var tree = await TestTree.CreateAsync(app);
        var admin = await app.ApiClientAsync(await TestUsers.CreateAsync(app, (Role.Admin, tree.County.Id)));
        var userName = NewName();

        var id = await CreateUserAsync(admin, userName);
        var assigned = await AssignAsync(admin, id, "VillageOfficer", tree.Village1.Code);
        var newcomer = await app.ApiClientAsync(new TestUser(id, userName, TestUsers.Password));

        Assert.Equal(HttpStatusCode.Created, assigned.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await newcomer.GetAsync($"/api/jurisdictions/{tree.Grid1.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await newcomer.GetAsync($"/api/jurisdictions/{tree.Village2.Id}")).StatusCode);
        var detail = await admin.GetFromJsonAsync<GetUser.Response>($"/api/admin/users/{id}", TestJson.Options);
        Assert.Equal("13800000000", detail!.PhoneNumber);
        Assert.Contains(detail.Grants, g => g.Role == Role.VillageOfficer && g.JurisdictionId == tree.Village1.Id);
    }

    [Fact]
    public async Task AssignRole_Success_IsWrittenToTheAuditLog()
    {
        var tree = await TestTree.CreateAsync(app);
        var adminUser = await TestUsers.CreateAsync(app, (Role.Admin, tree.County.Id));
        var admin = await app.ApiClientAsync(adminUser);
        var id = await CreateUserAsync(admin, NewName());

        await AssignAsync(admin, id, "GridManager", tree.Grid3.Code);

        var entry = await app.WithDbAsync(async db =>
        {
            var assignment = await db.RoleAssignments.SingleAsync(r => r.UserId == id);
            return await db.AuditEntries.SingleAsync(a => a.Entity == nameof(RoleAssignment) && a.EntityId == assignment.Id.ToString());
        });
        Assert.Equal(AuditAction.Added, entry.Action);
        Assert.Equal(adminUser.Id, entry.UserId);
        Assert.Equal(tree.Grid3.Id, entry.JurisdictionId);
        Assert.Contains("GridManager", entry.Changes, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Endpoints_NonAdmin_Answer403()
    {
        var tree = await TestTree.CreateAsync(app);
        var officer = await app.ApiClientAsync(await TestUsers.CreateAsync(app, (Role.CountyCommander, tree.County.Id)));
        var target = await TestUsers.CreateAsync(app, (Role.Volunteer, tree.Village1.Id));

        var responses = new[]
        {
            await officer.GetAsync("/api/admin/users"),
            await officer.GetAsync($"/api/admin/users/{target.Id}"),
            await officer.PostAsJsonAsync("/api/admin/users", new { userName = NewName(), displayName = "x", password = TestUsers.Password }),
            await AssignAsync(officer, target.Id, "Admin", tree.County.Code),
            await officer.PostAsync($"/api/admin/users/{target.Id}/deactivate", null),
            await officer.PostAsync($"/api/admin/users/{target.Id}/unlock", null),
        };

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode));
        var grants = await app.WithDbAsync(db => db.RoleAssignments.CountAsync(r => r.UserId == target.Id));
        Assert.Equal(1, grants);
    }

    [Fact]
    public async Task CreateUser_DuplicateUserName_Returns400NamingUserName()
    {
        var tree = await TestTree.CreateAsync(app);
        var admin = await app.ApiClientAsync(await TestUsers.CreateAsync(app, (Role.Admin, tree.County.Id)));
        var userName = NewName();
        await CreateUserAsync(admin, userName);

        var response = await admin.PostAsJsonAsync("/api/admin/users",
            new { userName = userName.ToUpperInvariant(), displayName = "重名", password = TestUsers.Password });
        var problem = await response.Content.ReadFromJsonAsync<Validation>(TestJson.Options);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("已被使用", Assert.Single(problem!.Errors["UserName"]), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "张三", null, TestUsers.Password, "UserName", "用户名：必填")]
    [InlineData("has space", "张三", null, TestUsers.Password, "UserName", "用户名：只能包含字母、数字和 -._@+")]
    [InlineData("ok.name", "", null, TestUsers.Password, "DisplayName", "姓名：必填")]
    [InlineData("ok.name", "张三", "abc", TestUsers.Password, "PhoneNumber", "手机号：只能包含数字、空格、- 和开头的 +")]
    [InlineData("ok.name", "张三", null, "short1", "Password", "初始密码：至少 8 位")]
    [InlineData("ok.name", "张三", null, "", "Password", "初始密码：必填")]
    public async Task CreateUser_BadField_Returns400NamingIt(string userName, string displayName, string? phone, string password, string field, string message)
    {
        var tree = await TestTree.CreateAsync(app);
        var admin = await app.ApiClientAsync(await TestUsers.CreateAsync(app, (Role.Admin, tree.County.Id)));

        var response = await admin.PostAsJsonAsync("/api/admin/users",
            new { userName, displayName, phoneNumber = phone, password });
        var problem = await response.Content.ReadFromJsonAsync<Validation>(TestJson.Options);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, problem!.Errors[field]);
    }

    [Fact]
    public async Task CreateUser_TooLongFields_Returns400NamingThem()
    {
        var tree = await TestTree.CreateAsync(app);
        var admin = await app.ApiClientAsync(await TestUsers.CreateAsync(app, (Role.Admin, tree.County.Id)));

        var response = await admin.PostAsJsonAsync("/api/admin/users",
            new { userName = new string('a', 65), displayName = new string('张', 51), phoneNumber = new string('1', 21), password = new string('a', 129) });
        var problem = await response.Content.ReadFromJsonAsync<Validation>(TestJson.Options);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("用户名：不能超过 64 个字符", problem!.Errors["UserName"]);
        Assert.Contains("姓名：不能超过 50 个字符", problem.Errors["DisplayName"]);
        Assert.Contains("手机号：不能超过 20 个字符", problem.Errors["PhoneNumber"]);
        Assert.Contains("初始密码：不能超过 128 个字符", problem.Errors["Password"]);
    }

    [Fact]
    public async Task AssignRole_NodeOutsideAdminsDomain_IsRefusedAndNothingWritten()
    {
        var tree = await TestTree.CreateAsync(app);
        var admin = await app.ApiClientAsync(await TestUsers.CreateAsync(app, (Role.Admin, tree.Township1.Id)));
        var id = await CreateUserAsync(admin, NewName());

        var outside = await AssignAsync(admin, id, "VillageOfficer", tree.Village3.Code);
        var above = await AssignAsync(admin, id, "CountyCommander", tree.County.Code);
        var unknown = await AssignAsync(admin, id, "VillageOfficer", "999999999999");

        foreach (var response in new[] { outside, above, unknown })
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var problem = await response.Content.ReadFromJsonAsync<Validation>(TestJson.Options);
            Assert.Contains("不在您的管辖范围内", Assert.Single(problem!.Errors["JurisdictionCode"]), StringComparison.Ordinal);
        }

        Assert.False(await app.WithDbAsync(db => db.RoleAssignments.AnyAsync(r => r.UserId == id)));
    }

    [Fact]
    public async Task AssignRole_AdminWhoIsOnlyVolunteerElsewhere_CannotGrantThere()
    {
        var tree = await TestTree.CreateAsync(app);
        var admin = await app.ApiClientAsync(await TestUsers.CreateAsync(app,
            (Role.Admin, tree.Village1.Id), (Role.Volunteer, tree.Village3.Id)));
        var id = await CreateUserAsync(admin, NewName());

        var response = await AssignAsync(admin, id, "Steward", tree.Grid3.Code);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData("", "", "Role", "岗位：必选")]
    [InlineData("Mayor", "{village}", "Role", "岗位：“Mayor”不是有效的岗位")]
    [InlineData("3", "{village}", "Role", "岗位：“3”不是有效的岗位")]
    [InlineData("Steward", "53x", "JurisdictionCode", "辖区代码：只能是数字")]
    public async Task AssignRole_BadField_Returns400NamingIt(string role, string code, string field, string message)
    {
        var tree = await TestTree.CreateAsync(app);
        var admin = await app.ApiClientAsync(await TestUsers.CreateAsync(app, (Role.Admin, tree.County.Id)));
        var id = await CreateUserAsync(admin, NewName());

        var response = await AssignAsync(admin, id, role, code.Replace("{village}", tree.Village1.Code, StringComparison.Ordinal));
        var problem = await response.Content.ReadFromJsonAsync<Validation>(TestJson.Options);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, problem!.Errors[field]);
    }

    [Fact]
    public async Task AssignRole_SameRoleTwice_Returns400()
    {
        var tree = await TestTree.CreateAsync(app);
        var admin = await app.ApiClientAsync(await TestUsers.CreateAsync(app, (Role.Admin, tree.County.Id)));
        var id = await CreateUserAsync(admin, NewName());
        await AssignAsync(admin, id, "Steward", tree.Grid1.Code);

        var again = await AssignAsync(admin, id, "Steward", tree.Grid1.Code);
        var problem = await again.Content.ReadFromJsonAsync<Validation>(TestJson.Options);

        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Contains("岗位：该用户在此辖区已是包户责任人", problem!.Errors["Role"]);
    }

    [Fact]
    public async Task ListUsers_TownshipAdmin_SeesOnlyUsersWithRolesInDomain()
    {
        var tree = await TestTree.CreateAsync(app);
        var admin = await app.ApiClientAsync(await TestUsers.CreateAsync(app, (Role.Admin, tree.Township1.Id)));
        var inside = await TestUsers.CreateAsync(app, (Role.VillageOfficer, tree.Village2.Id));
        var outside = await TestUsers.CreateAsync(app, (Role.VillageOfficer, tree.Village3.Id));
        var orphan = await TestUsers.CreateAsync(app);

        var foundInside = await admin.GetFromJsonAsync<ListUsers.Response>($"/api/admin/users?q={inside.UserName}", TestJson.Options);
        var foundOutside = await admin.GetFromJsonAsync<ListUsers.Response>($"/api/admin/users?q={outside.UserName}", TestJson.Options);
        var foundOrphan = await admin.GetFromJsonAsync<ListUsers.Response>($"/api/admin/users?q={orphan.UserName}", TestJson.Options);

        var row = Assert.Single(foundInside!.Users);
        Assert.Equal(inside.Id, row.Id);
        Assert.Equal(tree.Village2.Id, Assert.Single(row.Grants).JurisdictionId);
        Assert.Empty(foundOutside!.Users);
        Assert.Empty(foundOrphan!.Users);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/admin/users/{outside.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsync($"/api/admin/users/{outside.Id}/deactivate", null)).StatusCode);
    }

    [Fact]
    public async Task ListUsers_UserWithRolesInsideAndOutside_ShowsOnlyInsideGrants()
    {
        var tree = await TestTree.CreateAsync(app);
        var admin = await app.ApiClientAsync(await TestUsers.CreateAsync(app, (Role.Admin, tree.Township1.Id)));
        var both = await TestUsers.CreateAsync(app, (Role.Steward, tree.Grid1.Id), (Role.Steward, tree.Grid3.Id));

        var detail = await admin.GetFromJsonAsync<GetUser.Response>($"/api/admin/users/{both.Id}", TestJson.Options);

        Assert.Equal(tree.Grid1.Id, Assert.Single(detail!.Grants).JurisdictionId);
        Assert.Equal(1, detail.GrantsElsewhere);
    }

    [Fact]
    public async Task ListUsers_SearchByDisplayNameAndPaging_Work()
    {
        var tree = await TestTree.CreateAsync(app);
        var admin = await app.ApiClientAsync(await TestUsers.CreateAsync(app, (Role.Admin, tree.County.Id)));
        var marker = "户" + Guid.NewGuid().ToString("N")[..6];
        var ids = new List<Guid>();
        for (var i = 0; i < AdminUsers.PageSize + 2; i++)
        {
            var response = await admin.PostAsJsonAsync("/api/admin/users",
                new { userName = NewName(), displayName = $"{marker}{i}", password = TestUsers.Password });
            ids.Add((await response.Content.ReadFromJsonAsync<CreateUser.Response>(TestJson.Options))!.Id);
        }

        var first = await admin.GetFromJsonAsync<ListUsers.Response>($"/api/admin/users?q={Uri.EscapeDataString(marker)}", TestJson.Options);
        var second = await admin.GetFromJsonAsync<ListUsers.Response>($"/api/admin/users?q={Uri.EscapeDataString(marker)}&page=2", TestJson.Options);

        Assert.Equal(AdminUsers.PageSize + 2, first!.Total);
        Assert.Equal(AdminUsers.PageSize, first.Users.Count);
        Assert.Equal(2, second!.Users.Count);
        Assert.Equal(ids.Order(), first.Users.Concat(second.Users).Select(u => u.Id).Order());
    }

    [Fact]
    public async Task ListUsers_RoleLessUser_VisibleToItsCreatorNotToAnotherTownshipAdmin()
    {
        var tree = await TestTree.CreateAsync(app);
        var creator = await app.ApiClientAsync(await TestUsers.CreateAsync(app, (Role.Admin, tree.Township1.Id)));
        var other = await app.ApiClientAsync(await TestUsers.CreateAsync(app, (Role.Admin, tree.Township2.Id)));
        var id = await CreateUserAsync(creator, NewName());

        Assert.Equal(HttpStatusCode.OK, (await creator.GetAsync($"/api/admin/users/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/admin/users/{id}")).StatusCode);
    }

    [Fact]
    public async Task RevokeRole_Success_UserLosesThatSubtree()
    {
        var tree = await TestTree.CreateAsync(app);
        var admin = await app.ApiClientAsync(await TestUsers.CreateAsync(app, (Role.Admin, tree.County.Id)));
        var user = await TestUsers.CreateAsync(app, (Role.Steward, tree.Village1.Id), (Role.Steward, tree.Village3.Id));
        var detail = await admin.GetFromJsonAsync<GetUser.Response>($"/api/admin/users/{user.Id}", TestJson.Options);
        var grant = detail!.Grants.Single(g => g.JurisdictionId == tree.Village1.Id);

        var response = await admin.DeleteAsync($"/api/admin/users/{user.Id}/roles/{grant.Id}");
        var client = await app.ApiClientAsync(user);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/jurisdictions/{tree.Grid1.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/jurisdictions/{tree.Grid3.Id}")).StatusCode);
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a =>
            a.Entity == nameof(RoleAssignment) && a.EntityId == grant.Id.ToString() && a.Action == AuditAction.Deleted)));
    }

    [Fact]
    public async Task RevokeRole_GrantOutsideDomain_Returns404()
    {
        var tree = await TestTree.CreateAsync(app);
        var admin = await app.ApiClientAsync(await TestUsers.CreateAsync(app, (Role.Admin, tree.Township1.Id)));
        var user = await TestUsers.CreateAsync(app, (Role.Steward, tree.Grid1.Id), (Role.Steward, tree.Grid3.Id));
        var outsideGrant = await app.WithDbAsync(db =>
            db.RoleAssignments.Where(r => r.UserId == user.Id && r.JurisdictionId == tree.Grid3.Id).Select(r => r.Id).SingleAsync());

        var response = await admin.DeleteAsync($"/api/admin/users/{user.Id}/roles/{outsideGrant}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.True(await app.WithDbAsync(db => db.RoleAssignments.AnyAsync(r => r.Id == outsideGrant)));
    }

    [Fact]
    public async Task RevokeRole_OwnAdminGrant_IsRefused()
    {
        var tree = await TestTree.CreateAsync(app);
        var adminUser = await TestUsers.CreateAsync(app, (Role.Admin, tree.County.Id));
        var admin = await app.ApiClientAsync(adminUser);
        var own = await app.WithDbAsync(db => db.RoleAssignments.Where(r => r.UserId == adminUser.Id).Select(r => r.Id).SingleAsync());

        var response = await admin.DeleteAsync($"/api/admin/users/{adminUser.Id}/roles/{own}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(await app.WithDbAsync(db => db.RoleAssignments.AnyAsync(r => r.Id == own)));
    }

    [Fact]
    public async Task DeactivateAndReactivate_User_CannotThenCanSignIn()
    {
        var tree = await TestTree.CreateAsync(app);
        var admin = await app.ApiClientAsync(await TestUsers.CreateAsync(app, (Role.Admin, tree.County.Id)));
        var user = await TestUsers.CreateAsync(app, (Role.GridManager, tree.Grid1.Id));
        var anonymous = app.CreateClient();

        var deactivated = await admin.PostAsync($"/api/admin/users/{user.Id}/deactivate", null);
        var refused = await anonymous.PostAsJsonAsync("/api/auth/token", new { userName = user.UserName, password = user.Password });
        var reactivated = await admin.PostAsync($"/api/admin/users/{user.Id}/reactivate", null);
        var accepted = await anonymous.PostAsJsonAsync("/api/auth/token", new { userName = user.UserName, password = user.Password });

        Assert.Equal(HttpStatusCode.NoContent, deactivated.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, reactivated.StatusCode);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
    }

    [Fact]
    public async Task Deactivate_Self_IsRefused()
    {
        var tree = await TestTree.CreateAsync(app);
        var adminUser = await TestUsers.CreateAsync(app, (Role.Admin, tree.County.Id));
        var admin = await app.ApiClientAsync(adminUser);

        var response = await admin.PostAsync($"/api/admin/users/{adminUser.Id}/deactivate", null);
        var problem = await response.Content.ReadFromJsonAsync<Validation>(TestJson.Options);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("账户状态：不能停用自己的账户", problem!.Errors["IsActive"]);
    }

    [Fact]
    public async Task Unlock_LockedOutUser_CanSignInAgain()
    {
        var tree = await TestTree.CreateAsync(app);
        var admin = await app.ApiClientAsync(await TestUsers.CreateAsync(app, (Role.Admin, tree.County.Id)));
        var user = await TestUsers.CreateAsync(app, (Role.GridManager, tree.Grid1.Id));
        var anonymous = app.CreateClient();
        for (var i = 0; i < 5; i++)
        {
            await anonymous.PostAsJsonAsync("/api/auth/token", new { userName = user.UserName, password = "Wrong-secret-987" });
        }

        var before = await admin.GetFromJsonAsync<GetUser.Response>($"/api/admin/users/{user.Id}", TestJson.Options);
        var unlock = await admin.PostAsync($"/api/admin/users/{user.Id}/unlock", null);
        var after = await admin.GetFromJsonAsync<GetUser.Response>($"/api/admin/users/{user.Id}", TestJson.Options);
        var signIn = await anonymous.PostAsJsonAsync("/api/auth/token", new { userName = user.UserName, password = user.Password });

        Assert.True(before!.IsLockedOut);
        Assert.Equal(HttpStatusCode.NoContent, unlock.StatusCode);
        Assert.False(after!.IsLockedOut);
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
    }

    private sealed record Validation(Dictionary<string, string[]> Errors);
}
