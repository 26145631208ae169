using System.Net;
using System.Net.Http.Json;
using GridGuard.Features.ControlPlans;
using GridGuard.Features.Quarantine;
using GridGuard.Features.Quarantine.Rooms;
using GridGuard.Platform.Audit;
using GridGuard.Tests.Features.Households;
using GridGuard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Tests.Features.Quarantine.Rooms;

[Collection(AppCollection.Name)]
public sealed class AssignRoomTests(AppFactory app)
{
    [Fact]
    public async Task AssignRoom_PersonUnderActivePlan_OccupiesTheRoomAndIsAudited()
    {
        var v = await SiteKit.VillagesAsync(app);
        var (site, rooms) = await SiteKit.ActiveSiteAsync(v.A, v.Tree.Village1.Id);
        var person = await SiteKit.PersonAsync(app, v.Tree.Grid1.Id, "入住人");

        var assignment = await SiteKit.PlaceAsync(v.A, site, rooms["102"], person);

        var board = await SiteKit.GetAsync(v.A, site);
        var room = board.Rooms.Single(r => r.Code == "102");
        Assert.Equal((RoomStatus.Occupied, "在住"), (room.Status, room.StatusLabel));
        Assert.Equal([(assignment, person, "入住人")], room.Occupants.Select(o => (o.AssignmentId, o.PersonId, o.Name)));
        Assert.Equal((2, 1, 1), (board.Counts.Free, board.Counts.Occupied, board.Counts.People));
        var audit = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.EntityId == assignment.ToString() || a.EntityId == rooms["102"].ToString())
            .Select(a => new { a.Entity, a.Action, a.JurisdictionId, a.Changes }).ToListAsync());
        var placed = audit.Single(a => a.Entity == nameof(RoomAssignment));
        Assert.Equal((AuditAction.Added, (Guid?)v.Tree.Grid1.Id), (placed.Action, placed.JurisdictionId));
        Assert.Contains(person.ToString(), placed.Changes, StringComparison.Ordinal);
        Assert.Contains(audit, a => a.Entity == nameof(QuarantineRoom) && a.Action == AuditAction.Modified
            && a.JurisdictionId == v.Tree.Village1.Id && a.Changes.Contains("Occupied", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AssignRoom_SecondPersonInSingleRoom_Returns400OnePersonOneRoom()
    {
        var v = await SiteKit.VillagesAsync(app);
        var (site, rooms) = await SiteKit.ActiveSiteAsync(v.A, v.Tree.Village1.Id);
        await SiteKit.PlaceAsync(v.A, site, rooms["101"], await SiteKit.PersonAsync(app, v.Tree.Grid1.Id));
        var second = await SiteKit.PersonAsync(app, v.Tree.Grid1.Id);

        var response = await SiteKit.AssignAsync(v.A, site, rooms["101"], second);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("房间：101 已有人入住（一人一间，容量 1 人）", (await Problem.ReadAsync(response)).For("RoomId"));
        Assert.False(await app.WithDbAsync(db => db.RoomAssignments.AnyAsync(a => a.PersonId == second)));
    }

    [Fact]
    public async Task AssignRoom_RoomOfTwoWithTwo_Returns400OverCapacity()
    {
        var v = await SiteKit.VillagesAsync(app);
        var (site, rooms) = await SiteKit.ActiveSiteAsync(v.A, v.Tree.Village1.Id, "201", capacity: 2);
        await SiteKit.PlaceAsync(v.A, site, rooms["201"], await SiteKit.PersonAsync(app, v.Tree.Grid1.Id));
        await SiteKit.PlaceAsync(v.A, site, rooms["201"], await SiteKit.PersonAsync(app, v.Tree.Grid1.Id));

        var response = await SiteKit.AssignAsync(v.A, site, rooms["201"], await SiteKit.PersonAsync(app, v.Tree.Grid1.Id));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("房间：201 已满（容量 2 人，已住 2 人）", (await Problem.ReadAsync(response)).For("RoomId"));
    }

    [Fact]
    public async Task AssignRoom_EightPlacementsRaceForARoomOfTwo_ExactlyTwoPlacedTheRestRefusedAsFull()
    {
        var v = await SiteKit.VillagesAsync(app);
        var (site, rooms) = await SiteKit.ActiveSiteAsync(v.A, v.Tree.Village1.Id, "301", capacity: 2);
        var persons = new List<Guid>();
        for (var i = 0; i < 8; i++)
        {
            persons.Add(await SiteKit.PersonAsync(app, v.Tree.Grid1.Id, "抢房" + i));
        }

        var responses = await Task.WhenAll(persons.Select(p => SiteKit.AssignAsync(v.A, site, rooms["301"], p)));

        Assert.Equal(2, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        foreach (var refused in responses.Where(r => r.StatusCode != HttpStatusCode.Created))
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.StartsWith("房间：", (await Problem.ReadAsync(refused)).For("RoomId"), StringComparison.Ordinal);
        }

        Assert.Equal(2, await app.WithDbAsync(db => db.RoomAssignments.CountAsync(a => a.RoomId == rooms["301"] && a.CheckedOutAt == null)));
    }

    [Fact]
    public async Task AssignRoom_SiteNotActive_Returns400NamingTheSite()
    {
        var v = await SiteKit.VillagesAsync(app);
        var site = await SiteKit.SiteAsync(v.A, v.Tree.Village1.Id, "未启用点" + Guid.NewGuid().ToString("N")[..6]);
        var rooms = await SiteKit.RoomsAsync(v.A, site, "101");
        await SiteKit.StatusAsync(v.A, site, "Activating");

        var response = await SiteKit.AssignAsync(v.A, site, rooms["101"], await SiteKit.PersonAsync(app, v.Tree.Grid1.Id));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.EndsWith("当前为“启用中”，启用后才能安排入住", (await Problem.ReadAsync(response)).For("SiteId"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AssignRoom_PersonPlacedElsewhere_Returns400NamingWhere()
    {
        var v = await SiteKit.VillagesAsync(app);
        var (first, firstRooms) = await SiteKit.ActiveSiteAsync(v.A, v.Tree.Village1.Id);
        var (second, secondRooms) = await SiteKit.ActiveSiteAsync(v.A, v.Tree.Village1.Id);
        var person = await SiteKit.PersonAsync(app, v.Tree.Grid1.Id, "重复人");
        await SiteKit.PlaceAsync(v.A, first, firstRooms["101"], person);
        var firstName = (await SiteKit.GetAsync(v.A, first)).Name;

        var response = await SiteKit.AssignAsync(v.A, second, secondRooms["101"], person);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal($"人员：重复人 已在隔离点“{firstName}”101 房间入住，请先办理退房", (await Problem.ReadAsync(response)).For("PersonId"));
        Assert.Equal(RoomStatus.Free, (await SiteKit.GetAsync(v.A, second)).Rooms.Single(r => r.Code == "101").Status);
    }

    [Theory]
    [InlineData(PlanStatus.Proposed)]
    [InlineData(null)]
    public async Task AssignRoom_PersonWithoutActivePlan_Returns400(PlanStatus? plan)
    {
        var v = await SiteKit.VillagesAsync(app);
        var (site, rooms) = await SiteKit.ActiveSiteAsync(v.A, v.Tree.Village1.Id);

        var response = await SiteKit.AssignAsync(v.A, site, rooms["101"], await SiteKit.PersonAsync(app, v.Tree.Grid1.Id, "无计划", plan));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("人员：无计划 没有生效中的管控计划，不能安排集中隔离", (await Problem.ReadAsync(response)).For("PersonId"));
    }

    [Fact]
    public async Task AssignRoom_PersonOfOtherVillage_Returns400AndIsNoCandidate()
    {
        var v = await SiteKit.VillagesAsync(app);
        var (site, rooms) = await SiteKit.ActiveSiteAsync(v.A, v.Tree.Village1.Id);
        var outsider = await SiteKit.PersonAsync(app, v.Tree.Grid3.Id);
        var mine = await SiteKit.PersonAsync(app, v.Tree.Grid1.Id);

        var response = await SiteKit.AssignAsync(v.A, site, rooms["101"], outsider);
        var candidates = (await v.A.GetFromJsonAsync<List<PlacementCandidates.Candidate>>(
            $"/api/quarantine-sites/{site}/candidates", TestJson.Options))!;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("人员：不存在或不在您的管辖范围内", (await Problem.ReadAsync(response)).For("PersonId"));
        Assert.Contains(candidates, c => c.PersonId == mine);
        Assert.DoesNotContain(candidates, c => c.PersonId == outsider);
    }

    [Fact]
    public async Task AssignRoom_OtherVillagesSite_Returns404()
    {
        var v = await SiteKit.VillagesAsync(app);
        var (theirs, rooms) = await SiteKit.ActiveSiteAsync(v.B, v.Tree.Village3.Id);

        var response = await SiteKit.AssignAsync(v.A, theirs, rooms["101"], await SiteKit.PersonAsync(app, v.Tree.Grid1.Id));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
