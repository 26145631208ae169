using System.Net;
using System.Net.Http.Json;
using GridGuard.Features.Venues;
using GridGuard.Platform.Auth;
using GridGuard.Tests.Features.Households;
using GridGuard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static GridGuard.Tests.Features.Households.RegistryArrange;

namespace GridGuard.Tests.Features.Venues;

[Collection(AppCollection.Name)]
public sealed class RegisterVenueTests(AppFactory app)
{
    [Fact]
    public async Task RegisterVenue_GridManagerInOwnGrid_StoresNormalisedValues()
    {
        var g = await TwoGridsAsync(app);
        var name = VenueData.NewTag() + "宾馆";

        var id = await VenueData.RegisterAsync(g.A, g.Tree.Grid1.Id, name, b =>
        {
            b["kind"] = "宾馆酒店";
            b["responsiblePhone"] = "(0877) 212 3456";
            b["nonLocalStaff"] = 4;
        });

        var venue = await VenueData.GetAsync(g.A, id);
        Assert.Equal((name, VenueKind.Hotel, "宾馆酒店", "0877-2123456", 4, true),
            (venue.Name, venue.Kind, venue.KindLabel, venue.ResponsiblePhone, venue.NonLocalStaff, venue.IsActive));
        Assert.Equal(g.Tree.Grid1.Id, venue.JurisdictionId);
        Assert.Equal(["甲镇丙村委会", "大寨小组", "大寨第一网格"], venue.Places.Select(p => p.Name));
        Assert.True(venue.CanEdit);
        var stored = await app.WithDbAsync(db => db.Venues.AsNoTracking().SingleAsync(v => v.Id == id));
        Assert.Equal(("张老板", "扬武镇新村路 12 号"), (stored.ResponsibleName, stored.Address));
    }

    [Theory]
    [InlineData("name", "", "Name", "场所名称：不能为空")]
    [InlineData("name", "LONG", "Name", "场所名称：不能超过 100 个字符")]
    [InlineData("kind", "", "Kind", "类型：请选择场所类型")]
    [InlineData("kind", "赌场", "Kind", "类型：“赌场”无法识别，应为 企业、景区、宾馆酒店")]
    [InlineData("kind", "3", "Kind", "类型：“3”无法识别")]
    [InlineData("responsibleName", " ", "ResponsibleName", "负责人：不能为空")]
    [InlineData("responsiblePhone", "1381234567", "ResponsiblePhone", "联系电话：应为 11 位手机号码，或带区号的固定电话")]
    [InlineData("responsiblePhone", "2123456", "ResponsiblePhone", "联系电话：应为 11 位手机号码，或带区号的固定电话")]
    [InlineData("nonLocalStaff", -1, "NonLocalStaff", "外地员工数：不能小于 0")]
    [InlineData("jurisdictionId", null, "JurisdictionId", "网格：请选择网格")]
    public async Task RegisterVenue_BadField_Returns400NamingTheFieldInChinese(string field, object? value, string key, string message)
    {
        var g = await TwoGridsAsync(app);
        var name = VenueData.NewTag();

        var response = await g.A.PostAsJsonAsync("/api/venues",
            VenueData.Body(g.Tree.Grid1.Id, name, b => b[field] = value is "LONG" ? new string('长', 101) : value));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await Problem.ReadAsync(response);
        Assert.Equal("输入有误", problem.Title);
        Assert.StartsWith(message, problem.For(key), StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(db => db.Venues.AnyAsync(v => v.Name == name)));
    }

    [Fact]
    public async Task RegisterVenue_NodeThatIsNotAGrid_Returns400()
    {
        var tree = await TestTree.CreateAsync(app);
        var client = await app.ApiClientAsync(await TestUsers.CreateAsync(app, (Role.VillageOfficer, tree.Village1.Id)));

        var response = await client.PostAsJsonAsync("/api/venues", VenueData.Body(tree.Village1.Id, VenueData.NewTag()));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("网格：“甲镇丙村委会”是村（社区），请选择网格", (await Problem.ReadAsync(response)).For("JurisdictionId"));
    }

    [Fact]
    public async Task RegisterVenue_GridOutsideScope_Returns400AndWritesNothing()
    {
        var g = await TwoGridsAsync(app);
        var name = VenueData.NewTag();

        var response = await g.A.PostAsJsonAsync("/api/venues", VenueData.Body(g.Tree.Grid3.Id, name));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("网格：不存在或不在您的管辖范围内", (await Problem.ReadAsync(response)).For("JurisdictionId"));
        Assert.False(await app.WithDbAsync(db => db.Venues.AnyAsync(v => v.Name == name)));
    }

    [Fact]
    public async Task RegisterVenue_RoleThatMayNotRegister_Returns403()
    {
        var tree = await TestTree.CreateAsync(app);
        var client = await app.ApiClientAsync(await TestUsers.CreateAsync(app, (Role.HealthInformant, tree.Grid1.Id)));

        var response = await client.PostAsJsonAsync("/api/venues", VenueData.Body(tree.Grid1.Id, VenueData.NewTag()));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("您的岗位无权在该网格登记重点场所", (await Problem.ReadAsync(response)).Detail);
    }

    [Fact]
    public async Task RegisterVenue_SameNameInTheSameGrid_Returns400ButAnotherGridMayUseIt()
    {
        var tree = await TestTree.CreateAsync(app);
        var client = await app.ApiClientAsync(await TestUsers.CreateAsync(app, (Role.CountyCommander, tree.County.Id)));
        var name = VenueData.NewTag() + "超市";
        await VenueData.RegisterAsync(client, tree.Grid1.Id, name);

        var again = await client.PostAsJsonAsync("/api/venues", VenueData.Body(tree.Grid1.Id, " " + name + " "));
        var elsewhere = await client.PostAsJsonAsync("/api/venues", VenueData.Body(tree.Grid3.Id, name));

        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.StartsWith($"场所名称：网格“大寨第一网格”已有名为“{name}”的场所", (await Problem.ReadAsync(again)).For("Name"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, elsewhere.StatusCode);
    }

    [Fact]
    public async Task RegisterVenue_SameNameFiveTimesAtOnce_OneCreatedTheOthers400()
    {
        var g = await TwoGridsAsync(app);
        var name = VenueData.NewTag();

        var responses = await Task.WhenAll(Enumerable.Range(0, 5)
            .Select(_ => g.A.PostAsJsonAsync("/api/venues", VenueData.Body(g.Tree.Grid1.Id, name))));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.Created),
            r => Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode));
        Assert.Equal(1, await app.WithDbAsync(db => db.Venues.CountAsync(v => v.Name == name)));
    }

    [Fact]
    public async Task VenueTable_TwinNameInOneGrid_RefusedByTheUniqueIndex()
    {
        var g = await TwoGridsAsync(app);
        var name = VenueData.NewTag();
        await VenueData.RegisterAsync(g.A, g.Tree.Grid1.Id, name);

        var twin = await Record.ExceptionAsync(() => app.WithDbAsync(async db =>
        {
            db.Venues.Add(new Venue { Name = name, JurisdictionId = g.Tree.Grid1.Id, ResponsibleName = "李四", IsActive = false });
            await db.SaveChangesAsync();
        }));

        Assert.IsType<DbUpdateException>(twin);
    }
}
