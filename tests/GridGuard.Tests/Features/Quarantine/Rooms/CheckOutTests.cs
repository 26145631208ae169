using System.Net;
using System.Net.Http.Json;
using GridGuard.Features.Quarantine;
using GridGuard.Features.Quarantine.Sites;
using GridGuard.Platform.Audit;
using GridGuard.Tests.Features.Households;
using GridGuard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Tests.Features.Quarantine.Rooms;

[Collection(AppCollection.Name)]
public sealed class CheckOutTests(AppFactory app)
{
    [Fact]
    public async Task CheckOut_ThenCleaned_RoomGoesOccupiedCleaningFreeAndTakesTheNextPerson()
    {
        var v = await SiteKit.VillagesAsync(app);
        var (site, rooms) = await SiteKit.ActiveSiteAsync(v.A, v.Tree.Village1.Id, "101");
        var first = await SiteKit.PersonAsync(app, v.Tree.Grid1.Id);
        var assignment = await SiteKit.PlaceAsync(v.A, site, rooms["101"], first);

        var response = await v.A.PostAsync($"/api/quarantine-sites/{site}/assignments/{assignment}/check-out", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var board = (await response.Content.ReadFromJsonAsync<GetSite.Response>(TestJson.Options))!;
        Assert.Equal((RoomStatus.Cleaning, 0), (board.Rooms[0].Status, board.Rooms[0].Occupants.Count));
        Assert.Equal((0, 0, 1), (board.Counts.Free, board.Counts.Occupied, board.Counts.Cleaning));

        // A room waiting for cleaning takes nobody.
        var next = await SiteKit.PersonAsync(app, v.Tree.Grid1.Id);
        var refused = await SiteKit.AssignAsync(v.A, site, rooms["101"], next);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("房间：101 待消杀，消杀完成后才能入住", (await Problem.ReadAsync(refused)).For("RoomId"));

        var cleaned = await v.A.PostAsync($"/api/quarantine-sites/{site}/rooms/{rooms["101"]}/cleaned", null);
        Assert.Equal(HttpStatusCode.OK, cleaned.StatusCode);
        Assert.Equal(RoomStatus.Free, (await SiteKit.GetAsync(v.A, site)).Rooms[0].Status);
        await SiteKit.PlaceAsync(v.A, site, rooms["101"], next);
        // The first person may be placed again once checked out.
        Assert.Contains(await app.WithDbAsync(db => db.RoomAssignments.Where(a => a.PersonId == first).Select(a => a.CheckedOutAt).ToListAsync()),
            at => at is not null);

        var audit = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.EntityId == assignment.ToString() && a.Action == AuditAction.Modified)
            .Select(a => new { a.JurisdictionId, a.Changes }).SingleAsync());
        Assert.Equal(v.Tree.Grid1.Id, audit.JurisdictionId);
        Assert.Contains("CheckedOutAt", audit.Changes, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckOut_Twice_Returns400()
    {
        var v = await SiteKit.VillagesAsync(app);
        var (site, rooms) = await SiteKit.ActiveSiteAsync(v.A, v.Tree.Village1.Id, "101");
        var assignment = await SiteKit.PlaceAsync(v.A, site, rooms["101"], await SiteKit.PersonAsync(app, v.Tree.Grid1.Id));
        await v.A.PostAsync($"/api/quarantine-sites/{site}/assignments/{assignment}/check-out", null);

        var again = await v.A.PostAsync($"/api/quarantine-sites/{site}/assignments/{assignment}/check-out", null);

        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Equal("入住记录：已办理过退房", (await Problem.ReadAsync(again)).For("AssignmentId"));
    }

    [Fact]
    public async Task MarkRoomCleaned_RoomThatIsFree_Returns400()
    {
        var v = await SiteKit.VillagesAsync(app);
        var (site, rooms) = await SiteKit.ActiveSiteAsync(v.A, v.Tree.Village1.Id, "101");

        var response = await v.A.PostAsync($"/api/quarantine-sites/{site}/rooms/{rooms["101"]}/cleaned", null);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("房间：101 当前为“空闲”，不是待消杀", (await Problem.ReadAsync(response)).For("RoomId"));
    }

    [Fact]
    public async Task CheckOut_OtherVillagesSite_Returns404AndThePersonStays()
    {
        var v = await SiteKit.VillagesAsync(app);
        var (theirs, rooms) = await SiteKit.ActiveSiteAsync(v.B, v.Tree.Village3.Id, "101");
        var assignment = await SiteKit.PlaceAsync(v.B, theirs, rooms["101"], await SiteKit.PersonAsync(app, v.Tree.Grid3.Id));

        var response = await v.A.PostAsync($"/api/quarantine-sites/{theirs}/assignments/{assignment}/check-out", null);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(RoomStatus.Occupied, (await SiteKit.GetAsync(v.B, theirs)).Rooms[0].Status);
    }
}
