using System.Net;
using System.Net.Http.Json;
using GridGuard.Features.MassTesting;
using GridGuard.Features.Monitoring;
using GridGuard.Platform.Auth;
using GridGuard.Tests.Features.Households;
using GridGuard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Tests.Features.MassTesting;

[Collection(AppCollection.Name)]
public sealed class OpenRoundTests(AppFactory app)
{
    [Fact]
    public async Task OpenRound_Township_SnapshotsItsHouseholdsOnlyAndMakesHomeSamplingTasks()
    {
        var s = await RoundKit.SetupAsync(app);
        var inside = await RoundKit.HouseholdAsync(s.Grid1, s.Tree.Grid1.Id, ("张一", []), ("张二", ["SemiDependent"]), ("张三", ["Dialysis"]));
        var outside = await RoundKit.HouseholdAsync(s.Grid3, s.Tree.Grid3.Id, ("李一", []));

        var opened = await RoundKit.OpenAsync(s.Township, s.Tree.Township1.Id);

        var (members, tally, tasks) = await app.WithDbAsync(async db => (
            await db.RoundMembers.Where(m => m.RoundId == opened.Id).Select(m => m.PersonId).ToListAsync(),
            await db.RoundTallies.SingleAsync(t => t.RoundId == opened.Id && t.JurisdictionId == s.Tree.Grid1.Id),
            await db.WorkTasks.Where(t => t.RoundId == opened.Id).ToListAsync()));
        Assert.Equal(3, opened.Population);
        Assert.Equal(inside.Order(), members.Order());
        Assert.DoesNotContain(outside[0], members);
        Assert.Equal(3, tally.Expected);
        Assert.Equal(0, tally.Sampled);
        Assert.Equal(2, opened.HomeSampling);
        Assert.Equal(new[] { inside[1], inside[2] }.Order(), tasks.Select(t => t.PersonId).Order());
        Assert.All(tasks, t => Assert.Equal(WorkTaskKind.HomeSampling, t.Kind));
        Assert.All(tasks, t => Assert.Equal(s.Tree.Grid1.Id, t.JurisdictionId));
    }

    [Fact]
    public async Task OpenRound_BadInput_ChineseFieldErrors()
    {
        var s = await RoundKit.SetupAsync(app);

        var response = await s.Township.PostAsJsonAsync("/api/testing-rounds", new
        {
            name = "",
            jurisdictionId = s.Tree.Township2.Id,
            startsAt = "2022-11-25T07:00:00",
            endsAt = "2022-12-05T07:00:00",
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await Problem.ReadAsync(response);
        Assert.Contains("名称", problem.Errors!["Name"][0]);
        Assert.Contains("不在您的管辖范围内", problem.Errors!["JurisdictionId"][0]);
        Assert.Contains("7 天", problem.Errors!["EndsAt"][0]);
    }

    [Fact]
    public async Task OpenRound_VillageOfficer_Forbidden()
    {
        var s = await RoundKit.SetupAsync(app);
        var village = await TestUsers.CreateAsync(app, (Role.VillageOfficer, s.Tree.Village1.Id));
        var client = await app.ApiClientAsync(village);

        var response = await client.PostAsJsonAsync("/api/testing-rounds", RoundKit.Body(s.Tree.Village1.Id));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(0, await app.WithDbAsync(db => db.MassTestingRounds.CountAsync(r => r.JurisdictionId == s.Tree.Village1.Id)));
    }
}
