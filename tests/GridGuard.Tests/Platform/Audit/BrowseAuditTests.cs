using System.Net;
using System.Net.Http.Json;
using GridGuard.Features.Jurisdictions;
using GridGuard.Platform.Audit;
using GridGuard.Platform.Auth;
using GridGuard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Tests.Platform.Audit;

/// <summary>The change log: written by the interceptor, append-only, browsed through /api/audit and /audit within scope.</summary>
[Collection(AppCollection.Name)]
public sealed class BrowseAuditTests(AppFactory app)
{
    private async Task RenameAsync(Jurisdiction node, string name) =>
        await app.WithDbAsync(async db =>
        {
            var tracked = await db.Jurisdictions.SingleAsync(j => j.Id == node.Id);
            tracked.Name = name;
            await db.SaveChangesAsync();
        });

    private static string Url(string entity, Guid id, int page = 1) =>
        $"/api/audit?entity={entity}&entityId={id}&page={page}";

    [Fact]
    public async Task BrowseAudit_RenameThroughEf_ShowsOldAndNewName()
    {
        var tree = await TestTree.CreateAsync(app);
        var officer = await app.ApiClientAsync(await TestUsers.CreateAsync(app, (Role.VillageOfficer, tree.Village1.Id)));
        var oldName = tree.Village1.Name;
        await RenameAsync(tree.Village1, "新名字村委会");

        var body = await officer.GetFromJsonAsync<BrowseAudit.Response>(Url(nameof(Jurisdiction), tree.Village1.Id), TestJson.Options);

        var entry = body!.Entries[0];
        Assert.Equal(AuditAction.Modified, entry.Action);
        Assert.Equal("修改", entry.ActionLabel);
        Assert.Equal("辖区", entry.EntityLabel);
        Assert.Equal(tree.Village1.Id, entry.JurisdictionId);
        var change = Assert.Single(entry.Changes, c => c.Field == nameof(Jurisdiction.Name));
        Assert.Equal(oldName, change.Old);
        Assert.Equal("新名字村委会", change.New);
        Assert.Contains(body.Entries, e => e.Action == AuditAction.Added);
    }

    [Fact]
    public async Task BrowseAudit_Time_IsShownInCountyZone()
    {
        var tree = await TestTree.CreateAsync(app);
        var officer = await app.ApiClientAsync(await TestUsers.CreateAsync(app, (Role.VillageOfficer, tree.Village1.Id)));
        await RenameAsync(tree.Village1, "改名村");

        var entry = (await officer.GetFromJsonAsync<BrowseAudit.Response>(Url(nameof(Jurisdiction), tree.Village1.Id), TestJson.Options))!.Entries[0];

        Assert.Equal(entry.At.AddHours(8).ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture), entry.CountyTime);
    }

    [Fact]
    public async Task BrowseAudit_AnotherVillagesEntries_AreNotVisible()
    {
        var tree = await TestTree.CreateAsync(app);
        var user = await TestUsers.CreateAsync(app, (Role.VillageOfficer, tree.Village1.Id));
        var officer = await app.ApiClientAsync(user);
        await RenameAsync(tree.Village2, "隔壁社区");
        await RenameAsync(tree.Village1, "本村");

        var other = await officer.GetFromJsonAsync<BrowseAudit.Response>(Url(nameof(Jurisdiction), tree.Village2.Id), TestJson.Options);
        var parent = await officer.GetFromJsonAsync<BrowseAudit.Response>(Url(nameof(Jurisdiction), tree.Township1.Id), TestJson.Options);
        var own = await officer.GetFromJsonAsync<BrowseAudit.Response>(Url(nameof(Jurisdiction), tree.Village1.Id), TestJson.Options);
        var everything = await officer.GetFromJsonAsync<BrowseAudit.Response>("/api/audit", TestJson.Options);

        Assert.Empty(other!.Entries);
        Assert.Empty(parent!.Entries);
        Assert.NotEmpty(own!.Entries);
        Assert.DoesNotContain(everything!.Entries, e => e.EntityId == tree.Village2.Id.ToString());
        var outside = tree.Nodes.Values.Where(n => !n.Path.StartsWith(tree.Village1.Path, StringComparison.Ordinal)).Select(n => n.Id).ToHashSet();
        Assert.DoesNotContain(everything.Entries, e => e.JurisdictionId is { } j && outside.Contains(j));
        Assert.All(everything.Entries, e => Assert.NotNull(e.JurisdictionId));
    }

    [Fact]
    public async Task AuditPage_AnotherVillagesEntries_AreNotShown()
    {
        var tree = await TestTree.CreateAsync(app);
        var client = await app.PageClientAsync(await TestUsers.CreateAsync(app, (Role.VillageOfficer, tree.Village1.Id)));
        await RenameAsync(tree.Village2, "隔壁社区改");
        await RenameAsync(tree.Village1, "本村改");

        var other = await client.GetStringAsync($"/audit?entity=Jurisdiction&entityId={tree.Village2.Id}");
        var own = await client.GetStringAsync($"/audit?entity=Jurisdiction&entityId={tree.Village1.Id}");
        var all = await client.GetStringAsync("/audit");

        Assert.Contains("data-testid=\"audit-empty\"", other, StringComparison.Ordinal);
        Assert.Contains($"data-entity-id=\"{tree.Village1.Id}\"", own, StringComparison.Ordinal);
        Assert.Contains(Html("本村改"), own, StringComparison.Ordinal);
        Assert.Contains(Html(tree.Village1.Name), own, StringComparison.Ordinal);
        Assert.DoesNotContain(tree.Village2.Id.ToString(), all, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BrowseAudit_UserRecords_VisibleToRootAdminOnly()
    {
        var tree = await TestTree.CreateAsync(app);
        var rootAdmin = await app.ApiClientAsync(await TestUsers.CreateAsync(app, (Role.Admin, tree.County.Id)));
        var townshipAdmin = await app.ApiClientAsync(await TestUsers.CreateAsync(app, (Role.Admin, tree.Township1.Id)));
        var subject = await TestUsers.CreateAsync(app, (Role.Steward, tree.Grid1.Id));

        var seenByRoot = await rootAdmin.GetFromJsonAsync<BrowseAudit.Response>(Url(nameof(AppUser), subject.Id), TestJson.Options);
        var seenByTownship = await townshipAdmin.GetFromJsonAsync<BrowseAudit.Response>(Url(nameof(AppUser), subject.Id), TestJson.Options);

        var added = Assert.Single(seenByRoot!.Entries);
        Assert.Equal(AuditAction.Added, added.Action);
        Assert.Contains(added.Changes, c => c.Field == "PasswordHash" && c.New == "***");
        Assert.Empty(seenByTownship!.Entries);
    }

    [Fact]
    public async Task BrowseAudit_FilterByUser_ShowsThatUsersChangesNewestFirst()
    {
        var tree = await TestTree.CreateAsync(app);
        var adminUser = await TestUsers.CreateAsync(app, (Role.Admin, tree.County.Id));
        var admin = await app.ApiClientAsync(adminUser);
        var subject = await TestUsers.CreateAsync(app, (Role.Steward, tree.Grid1.Id));
        await admin.PostAsJsonAsync($"/api/admin/users/{subject.Id}/roles", new { role = "Volunteer", jurisdictionCode = tree.Grid3.Code });
        app.Clock.Advance(TimeSpan.FromSeconds(1));
        await admin.PostAsync($"/api/admin/users/{subject.Id}/deactivate", null);

        var body = await admin.GetFromJsonAsync<BrowseAudit.Response>($"/api/audit?user={adminUser.UserName}", TestJson.Options);

        Assert.All(body!.Entries, e => Assert.Equal(adminUser.UserName, e.UserName));
        Assert.Equal(2, body.Entries.Count);
        Assert.Equal(nameof(AppUser), body.Entries[0].Entity);
        Assert.Contains(body.Entries[0].Changes, c => c.Field == nameof(AppUser.IsActive) && c.Old == "true" && c.New == "false");
        Assert.Equal(nameof(RoleAssignment), body.Entries[1].Entity);
        Assert.Equal(tree.Grid3.Id, body.Entries[1].JurisdictionId);
    }

    [Fact]
    public async Task BrowseAudit_ManyEntries_ArePagedNewestFirst()
    {
        var tree = await TestTree.CreateAsync(app);
        var officer = await app.ApiClientAsync(await TestUsers.CreateAsync(app, (Role.GridManager, tree.Grid1.Id)));
        for (var i = 1; i <= BrowseAudit.PageSize; i++)
        {
            app.Clock.Advance(TimeSpan.FromSeconds(1));
            await RenameAsync(tree.Grid1, $"网格{i}");
        }

        var first = await officer.GetFromJsonAsync<BrowseAudit.Response>(Url(nameof(Jurisdiction), tree.Grid1.Id), TestJson.Options);
        var second = await officer.GetFromJsonAsync<BrowseAudit.Response>(Url(nameof(Jurisdiction), tree.Grid1.Id, 2), TestJson.Options);

        Assert.Equal(BrowseAudit.PageSize, first!.Entries.Count);
        Assert.True(first.HasMore);
        Assert.Equal($"网格{BrowseAudit.PageSize}", first.Entries[0].Changes.Single(c => c.Field == "Name").New);
        Assert.Equal(AuditAction.Added, Assert.Single(second!.Entries).Action);
        Assert.False(second.HasMore);
    }

    [Fact]
    public async Task BrowseAudit_TooLongFilter_Returns400NamingIt()
    {
        var tree = await TestTree.CreateAsync(app);
        var officer = await app.ApiClientAsync(await TestUsers.CreateAsync(app, (Role.VillageOfficer, tree.Village1.Id)));

        var response = await officer.GetAsync($"/api/audit?user={new string('a', 65)}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("用户：不能超过 64 个字符", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuditEntries_ModifyOrDelete_InterceptorThrows()
    {
        var tree = await TestTree.CreateAsync(app);
        var entryId = await app.WithDbAsync(db =>
            db.AuditEntries.Where(a => a.EntityId == tree.Village1.Id.ToString()).Select(a => a.Id).FirstAsync());

        var modify = await Assert.ThrowsAsync<InvalidOperationException>(() => app.WithDbAsync(async db =>
        {
            var entry = await db.AuditEntries.SingleAsync(a => a.Id == entryId);
            entry.Changes = "{}";
            await db.SaveChangesAsync();
        }));
        var delete = await Assert.ThrowsAsync<InvalidOperationException>(() => app.WithDbAsync(async db =>
        {
            db.AuditEntries.Remove(await db.AuditEntries.SingleAsync(a => a.Id == entryId));
            await db.SaveChangesAsync();
        }));

        Assert.Contains("append-only", modify.Message, StringComparison.Ordinal);
        Assert.Contains("append-only", delete.Message, StringComparison.Ordinal);
        Assert.NotEqual("{}", await app.WithDbAsync(db => db.AuditEntries.Where(a => a.Id == entryId).Select(a => a.Changes).SingleAsync()));
    }

    private static string Html(string text) => System.Net.WebUtility.HtmlEncode(text);
}
