using GridGuard.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace GridGuard.BrowserTests.Infrastructure;

/// <summary>
/// The same app and database as the HTTP tests (<see cref="AppFactory"/>), but served by a real Kestrel
/// on a free loopback port, so that a real browser can reach it. The household import reads, plans and writes
/// <see cref="ImportChunkRows"/> rows at a time, so that a list of a few dozen households spans several chunks.
/// </summary>
public sealed class KestrelAppFactory : AppFactory
{
    public const int ImportChunkRows = 10;

    public KestrelAppFactory() => UseKestrel(0);

    /// <summary>The root URL the server listens on, for example http://127.0.0.1:41234.</summary>
    public Uri RootUri { get; private set; } = null!;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Import:ChunkRows", ImportChunkRows.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    public void StartKestrel()
    {
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
        var address = addresses?.FirstOrDefault() ?? throw new InvalidOperationException("Kestrel reported no address.");
        RootUri = new Uri(address);
    }
}
