using GridGuard.Features.Policies;
using GridGuard.Features.Policies.Versions;
using GridGuard.Platform;
using GridGuard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace GridGuard.Tests.Features.Policies.Versions;

[Collection(AppCollection.Name)]
public sealed class SeedShippedPoliciesTests(AppFactory app)
{
    [Fact]
    public async Task Start_ShippedRulebooks_StoredAsShippedActiveVersions()
    {
        var shipped = ShippedRulebooks.LoadValid();
        var names = shipped.Select(r => r.Name).ToList();

        var stored = await app.WithDbAsync(db => db.Policies.AsNoTracking()
            .Where(p => names.Contains(p.Name) && p.IsShipped).ToListAsync());

        Assert.Equal(3, shipped.Count);
        foreach (var r in shipped)
        {
            var row = Assert.Single(stored, p => p.Name == r.Name && p.Version == r.Version);
            Assert.Equal(r.EffectiveDate, row.EffectiveOn);
            Assert.True(row.IsActive);
            Assert.Equal(RulebookJson.Write(r), row.Rules);
        }
    }

    [Fact]
    public async Task Start_SecondRun_AddsNothing()
    {
        var names = ShippedRulebooks.LoadValid().Select(r => r.Name).ToList();
        var before = await app.WithDbAsync(db => db.Policies.Where(p => names.Contains(p.Name)).Select(p => p.Id).ToListAsync());

        var added = await app.WithDbAsync(db => SeedShippedPolicies.RunAsync(
            db, app.Services.GetRequiredService<CountyClock>(), NullLogger.Instance));
        var after = await app.WithDbAsync(db => db.Policies.Where(p => names.Contains(p.Name)).Select(p => p.Id).ToListAsync());

        Assert.Equal(0, added);
        Assert.Equal(before.Order(), after.Order());
    }
}
