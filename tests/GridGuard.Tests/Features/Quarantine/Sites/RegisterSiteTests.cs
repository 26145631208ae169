using System.Net;
using System.Net.Http.Json;
using GridGuard.Features.Quarantine;
using GridGuard.Features.Quarantine.Sites;
using GridGuard.Platform.Auth;
using GridGuard.Tests.Features.Households;
using GridGuard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Tests.Features.Quarantine.Sites;

[Collection(AppCollection.Name)]
public sealed class RegisterSiteTests(AppFactory app)
{
    [Fact]
    public async Task RegisterSite_VillageOfficerInOwnVillage_StoresItInStandby()
    {
        var v = await SiteKit.VillagesAsync(app);
        var name = SiteKit.NewName();

        var id = await SiteKit.SiteAsync(v.A, v.Tree.Village1.Id, name);

        var site = await SiteKit.GetAsync(v.A, id);
        Assert.Equal((name, "甲镇卫生院后楼", "赵主任", "13812345678", SiteStatus.Standby, "待命", true),
            (site.Name, site.Address, site.ResponsibleName, site.ResponsiblePhone, site.Status, site.StatusLabel, site.CanManage));
        Assert.Equal((0, 0), (site.Counts.Rooms, site.Counts.People));
        var audit = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.EntityId == id.ToString()).Select(a => new { a.Entity, a.JurisdictionId }).SingleAsync());
        Assert.Equal(("QuarantineSite", (Guid?)v.Tree.Village1.Id), (audit.Entity, audit.JurisdictionId));
    }

    [Theory]
    [InlineData("name", "", "Name", "隔离点名称：不能为空")]
    [InlineData("name", "LONG", "Name", "隔离点名称：不能超过 100 个字符")]
    [InlineData("address", " ", "Address", "地址：不能为空")]
    [InlineData("responsibleName", "", "ResponsibleName", "负责人：不能为空")]
    [InlineData("responsiblePhone", "12345", "ResponsiblePhone", "联系电话：应为 11 位手机号码")]
    [InlineData("jurisdictionId", null, "JurisdictionId", "所属辖区：请选择辖区")]
    public async Task RegisterSite_BadField_Returns400NamingTheFieldInChinese(string field, object? value, string key, string message)
    {
        var v = await SiteKit.VillagesAsync(app);
        var name = SiteKit.NewName();

        var response = await v.A.PostAsJsonAsync("/api/quarantine-sites",
            SiteKit.Body(v.Tree.Village1.Id, name, b => b[field] = value is "LONG" ? new string('长', 101) : value));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await Problem.ReadAsync(response);
        Assert.Equal("输入有误", problem.Title);
        Assert.StartsWith(message, problem.For(key), StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(db => db.QuarantineSites.AnyAsync(s => s.Name == name)));
    }

    [Fact]
    public async Task RegisterSite_SameNameTwiceAtANode_Returns400()
    {
        var v = await SiteKit.VillagesAsync(app);
        var name = SiteKit.NewName();
        await SiteKit.SiteAsync(v.A, v.Tree.Village1.Id, name);

        var response = await v.A.PostAsJsonAsync("/api/quarantine-sites", SiteKit.Body(v.Tree.Village1.Id, name));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal($"隔离点名称：“甲镇丙村委会”已有名为“{name}”的隔离点", (await Problem.ReadAsync(response)).For("Name"));
    }

    [Fact]
    public async Task RegisterSite_OtherVillage_Returns400AndWritesNothing()
    {
        var v = await SiteKit.VillagesAsync(app);
        var name = SiteKit.NewName();

        var response = await v.A.PostAsJsonAsync("/api/quarantine-sites", SiteKit.Body(v.Tree.Village3.Id, name));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("所属辖区：不存在或不在您的管辖范围内", (await Problem.ReadAsync(response)).For("JurisdictionId"));
        Assert.False(await app.WithDbAsync(db => db.QuarantineSites.AnyAsync(s => s.Name == name)));
    }

    [Fact]
    public async Task RegisterSite_RoleThatMayNotManageSites_Returns403()
    {
        var tree = await TestTree.CreateAsync(app);
        var client = await app.ApiClientAsync(await TestUsers.CreateAsync(app, (Role.GridManager, tree.Grid1.Id), (Role.Volunteer, tree.Village1.Id)));

        var response = await client.PostAsJsonAsync("/api/quarantine-sites", SiteKit.Body(tree.Village1.Id, SiteKit.NewName()));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task ListAndGetSites_VillageOfficer_SeesOnlyOwnVillagesSites()
    {
        var v = await SiteKit.VillagesAsync(app);
        var mine = await SiteKit.SiteAsync(v.A, v.Tree.Village1.Id);
        var theirs = await SiteKit.SiteAsync(v.B, v.Tree.Village3.Id);
        var county = await app.ApiClientAsync(await TestUsers.CreateAsync(app, (Role.CountyCommander, v.Tree.County.Id)));

        var listA = (await v.A.GetFromJsonAsync<ListSites.Response>("/api/quarantine-sites", TestJson.Options))!;
        var listCounty = (await county.GetFromJsonAsync<ListSites.Response>(
            $"/api/quarantine-sites?node={v.Tree.County.Id}", TestJson.Options))!;

        Assert.Contains(listA.Items, i => i.Id == mine);
        Assert.DoesNotContain(listA.Items, i => i.Id == theirs);
        Assert.Equal(HttpStatusCode.NotFound, (await v.A.GetAsync($"/api/quarantine-sites/{theirs}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await v.A.GetAsync($"/api/quarantine-sites?node={v.Tree.Village3.Id}")).StatusCode);
        Assert.Equal(new[] { mine, theirs }.Order(), listCounty.Items.Select(i => i.Id).Order());
    }

    [Fact]
    public async Task EditSite_OtherVillagesSite_Returns404AndChangesNothing()
    {
        var v = await SiteKit.VillagesAsync(app);
        var name = SiteKit.NewName();
        var theirs = await SiteKit.SiteAsync(v.B, v.Tree.Village3.Id, name);

        var response = await v.A.PutAsJsonAsync($"/api/quarantine-sites/{theirs}", SiteKit.Body(v.Tree.Village1.Id, "改名"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(name, (await SiteKit.GetAsync(v.B, theirs)).Name);
    }
}
