using System.Net.Http.Json;
using System.Text.Json;
using GridGuard.Platform.Auth;
using GridGuard.Tests.Features.Canvassing;
using GridGuard.Tests.Features.ControlPlans;
using GridGuard.Tests.Features.Quarantine;
using GridGuard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Tests.Platform.Data;

/// <summary>Stored DateTimes are UTC and read back as UTC on both providers, so the API writes them with a "Z".</summary>
[Collection(AppCollection.Name)]
public sealed class UtcDateTimesTests(AppFactory app)
{
    [Fact]
    public async Task ApiDateTime_ReadBackFromTheDatabase_IsWrittenAsUtcWithZ()
    {
        var tree = await TestTree.CreateAsync(app);
        var today = ArrivalKit.Today(ArrivalKit.Host(app));
        var id = await ArrivalKit.FileAsync(app, ArrivalKit.Body(tree.Village1.Id, Registry.NewIdNumber(), today.AddDays(-1), today));
        var client = await app.ApiClientAsync(await TestUsers.CreateAsync(app, (Role.VillageOfficer, tree.Village1.Id)));

        var list = await client.GetFromJsonAsync<JsonElement>($"/api/arrivals?jurisdictionId={tree.Village1.Id}");
        var createdAt = list.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("id").GetGuid() == id)
            .GetProperty("createdAt").GetString();

        Assert.EndsWith("Z", createdAt, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NullableDateTime_ReadBackThroughEf_IsUtc()
    {
        var v = await SiteKit.VillagesAsync(app);
        var (site, _) = await SiteKit.ActiveSiteAsync(v.A, v.Tree.Village1.Id);

        var activatedAt = await app.WithDbAsync(db => db.QuarantineSites.AsNoTracking()
            .Where(s => s.Id == site).Select(s => s.ActivatedAt).SingleAsync());

        Assert.Equal(DateTimeKind.Utc, activatedAt!.Value.Kind);
    }
}
