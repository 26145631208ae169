using System.Globalization;
using GridGuard.Platform.Auth;
using GridGuard.Tests.Infrastructure;

namespace GridGuard.Tests.Features.Policies.RiskAreas;

/// <summary>Users and unique places for the risk-area tests.</summary>
public static class RiskAreaData
{
    private static int next;

    /// <summary>A 12-digit code that no shipped division data knows (so a place name must be given).</summary>
    public static string UnknownCode() => TestTree.NewCountyCode() + "9" +
        (Interlocked.Increment(ref next) % 100_000).ToString("00000", CultureInfo.InvariantCulture);

    /// <summary>A sub-area no other test uses.</summary>
    public static string SubArea() => "小区" + Guid.NewGuid().ToString("N")[..8];

    public static async Task<HttpClient> CommanderAsync(AppFactory app)
    {
        var tree = await TestTree.CreateAsync(app);
        return await app.ApiClientAsync(await TestUsers.CreateAsync(app, (Role.CountyCommander, tree.County.Id)));
    }

    public static async Task<(TestTree Tree, TestUser User)> CommanderUserAsync(AppFactory app)
    {
        var tree = await TestTree.CreateAsync(app);
        return (tree, await TestUsers.CreateAsync(app, (Role.CountyCommander, tree.County.Id)));
    }
}
