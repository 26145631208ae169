using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using GridGuard.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace GridGuard.Tests.Features.Canvassing.Tips;

/// <summary>
/// A second host of the app over the same database, for the public tip form:
/// - the client's IP comes from a test-only header, set by a startup filter that lives here in the test project
///   (TestServer leaves RemoteIpAddress null, which the app counts as one "unknown" sender);
/// - it has its own <see cref="FakeTimeProvider"/>, so that moving past the tip windows (an hour, a day) does not move
///   the shared app's clock under other tests that check today's date;
/// - Rewards:Amount is set to <see cref="RewardAmount"/>, to show that the amount comes from configuration.
/// </summary>
public sealed class TipsHost
{
    public const string IpHeader = "X-Test-Client-IP";
    public const int RewardAmount = 800;

    private static readonly ConditionalWeakTable<AppFactory, TipsHost> Hosts = new();
    private static int nextIp = Random.Shared.Next(0, 1 << 20);

    private TipsHost(AppFactory app)
    {
        Factory = app.WithWebHostBuilder(b =>
        {
            b.UseSetting("Rewards:Amount", RewardAmount.ToString(CultureInfo.InvariantCulture));
            b.ConfigureServices(services =>
            {
                services.AddSingleton<IStartupFilter, ClientIpFromHeader>();
                services.RemoveAll<TimeProvider>();
                services.AddSingleton<TimeProvider>(Clock);
            });
        });
    }

    public WebApplicationFactory<Program> Factory { get; }

    public FakeTimeProvider Clock { get; } = new(AppFactory.Start);

    public static TipsHost For(AppFactory app) => Hosts.GetValue(app, a => new TipsHost(a));

    /// <summary>An IPv4 address no other test uses in this run.</summary>
    public static string NewIp()
    {
        var n = Interlocked.Increment(ref nextIp);
        return $"10.{(n >> 16) & 255}.{(n >> 8) & 255}.{n & 255}";
    }

    /// <summary>An anonymous browser-like client (cookies, no redirects) that sends from <paramref name="ip"/> (null: no address).</summary>
    public HttpClient Anonymous(string? ip)
    {
        var client = Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        if (ip is not null)
        {
            client.DefaultRequestHeaders.Add(IpHeader, ip);
        }

        return client;
    }

    /// <summary>A bearer client of this host, signed in as <paramref name="user"/>.</summary>
    public async Task<HttpClient> ApiClientAsync(TestUser user)
    {
        var client = Factory.CreateClient();
        var response = await client.PostAsJsonAsync("/api/auth/token", new { userName = user.UserName, password = user.Password });
        response.EnsureSuccessStatusCode();
        var token = await response.Content.ReadFromJsonAsync<Token>(TestJson.Options);
        client.DefaultRequestHeaders.Authorization = new("Bearer", token!.AccessToken);
        return client;
    }

    private sealed record Token(string AccessToken);

    private sealed class ClientIpFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, inner) =>
            {
                if (IPAddress.TryParse(context.Request.Headers[IpHeader].ToString(), out var ip))
                {
                    context.Connection.RemoteIpAddress = ip;
                }

                await inner(context);
            });
            next(app);
        };
    }
}
