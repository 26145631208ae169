using GridGuard.Platform.Auth;
using GridGuard.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace GridGuard.Tests.Platform.Auth;

[Collection(AppCollection.Name)]
public sealed class GrantCacheTests(AppFactory app)
{
    [Fact]
    public async Task GetAsync_FiftyRequestsMissTogether_LoadTheUserOnceAndAllGetTheGrants()
    {
        var tree = await TestTree.CreateAsync(app);
        var user = await TestUsers.CreateAsync(app, (Role.GridManager, tree.Grid1.Id));
        var cache = app.Services.GetRequiredService<GrantCache>();
        cache.Invalidate();
        var before = cache.LoadCount;

        var entries = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(() => cache.GetAsync(user.Id, CancellationToken.None))));

        Assert.Equal(before + 1, cache.LoadCount);
        Assert.All(entries, e =>
        {
            Assert.Equal(user.UserName, e!.UserName);
            Assert.Contains(e.Grants, g => g.Role == Role.GridManager && g.JurisdictionId == tree.Grid1.Id);
        });
    }

    [Fact]
    public async Task GetAsync_AfterAnInvalidation_LoadsAgain()
    {
        var tree = await TestTree.CreateAsync(app);
        var user = await TestUsers.CreateAsync(app, (Role.GridManager, tree.Grid1.Id));
        var cache = app.Services.GetRequiredService<GrantCache>();
        await cache.GetAsync(user.Id, CancellationToken.None);
        var before = cache.LoadCount;

        await cache.GetAsync(user.Id, CancellationToken.None);
        cache.Invalidate();
        await cache.GetAsync(user.Id, CancellationToken.None);

        Assert.Equal(before + 1, cache.LoadCount);
    }
}
