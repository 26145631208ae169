using System.Net;
using System.Net.Http.Json;
using GridGuard.Features.Quarantine;
using GridGuard.Tests.Features.Households;
using GridGuard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Tests.Features.Quarantine.Rooms;

[Collection(AppCollection.Name)]
public sealed class AddRoomsTests(AppFactory app)
{
    [Fact]
    public async Task AddRooms_Range101To120_AddsTwentyFreeSingleRooms()
    {
        var v = await SiteKit.VillagesAsync(app);
        var site = await SiteKit.SiteAsync(v.A, v.Tree.Village1.Id);

        var rooms = await SiteKit.RoomsAsync(v.A, site, "101-120");

        var board = await SiteKit.GetAsync(v.A, site);
        Assert.Equal(Enumerable.Range(101, 20).Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            board.Rooms.Select(r => r.Code));
        Assert.All(board.Rooms, r => Assert.Equal((1, RoomStatus.Free), (r.Capacity, r.Status)));
        Assert.Equal((20, 20, 0, 0, 20), (board.Counts.Rooms, board.Counts.Free, board.Counts.Occupied, board.Counts.Cleaning, board.Counts.Beds));
        Assert.Equal(20, rooms.Count);
    }

    [Fact]
    public async Task AddRooms_CodeAlreadyInSite_Returns400NamingTheCodesAndAddsNone()
    {
        var v = await SiteKit.VillagesAsync(app);
        var site = await SiteKit.SiteAsync(v.A, v.Tree.Village1.Id);
        await SiteKit.RoomsAsync(v.A, site, "101-102");

        var response = await v.A.PostAsJsonAsync($"/api/quarantine-sites/{site}/rooms", new { codes = "102-104" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.EndsWith("已有房间 102", (await Problem.ReadAsync(response)).For("Codes"), StringComparison.Ordinal);
        Assert.Equal(2, await app.WithDbAsync(db => db.QuarantineRooms.CountAsync(r => r.SiteId == site)));
    }

    [Theory]
    [InlineData("101", 0, "Capacity", "容量：应为 1 到 20 人")]
    [InlineData("101", 21, "Capacity", "容量：应为 1 到 20 人")]
    [InlineData("", 1, "Codes", "房间号：不能为空")]
    [InlineData("110-101", 1, "Codes", "房间号：“110-101”的结束号小于开始号")]
    public async Task AddRooms_BadInput_Returns400NamingTheField(string codes, int capacity, string field, string message)
    {
        var v = await SiteKit.VillagesAsync(app);
        var site = await SiteKit.SiteAsync(v.A, v.Tree.Village1.Id);

        var response = await v.A.PostAsJsonAsync($"/api/quarantine-sites/{site}/rooms", new { codes, capacity });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith(message, (await Problem.ReadAsync(response)).For(field), StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(db => db.QuarantineRooms.AnyAsync(r => r.SiteId == site)));
    }

    [Fact]
    public async Task AddRooms_OtherVillagesSite_Returns404()
    {
        var v = await SiteKit.VillagesAsync(app);
        var theirs = await SiteKit.SiteAsync(v.B, v.Tree.Village3.Id);

        var response = await v.A.PostAsJsonAsync($"/api/quarantine-sites/{theirs}/rooms", new { codes = "101" });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
