using GridGuard.Features.Canvassing;
using GridGuard.Features.Canvassing.Tips;
using GridGuard.Features.ControlPlans;
using GridGuard.Features.Households;
using GridGuard.Features.Jurisdictions;
using GridGuard.Features.MassTesting;
using GridGuard.Features.Monitoring;
using GridGuard.Features.Policies;
using GridGuard.Features.Quarantine;
using GridGuard.Features.Venues;
using GridGuard.Platform;
using GridGuard.Platform.Audit;
using GridGuard.Platform.Auth;
using GridGuard.Platform.Cli;
using GridGuard.Platform.Data;
using GridGuard.Platform.Web;

var builder = WebApplication.CreateBuilder(args);
builder.AddPlatform();
builder.AddPlatformData();
builder.AddPlatformAuth();
builder.Services.AddJurisdictions();
builder.Services.AddHouseholds();
builder.Services.AddCanvassing();
builder.Services.AddTips();
builder.Services.AddVenues();
builder.Services.AddPolicies();
builder.Services.AddControlPlans();
builder.Services.AddQuarantine();
builder.Services.AddMonitoring();
builder.Services.AddMassTesting();

var app = builder.Build();
if (await CliVerbs.TryRunAsync(app, args))
{
    return;
}

await app.PrepareDatabaseAsync();
app.UsePlatform();
app.MapPlatform();
app.MapAuth();
app.MapAudit();
app.MapJurisdictions();
app.MapHouseholds();
app.MapCanvassing();
app.MapTips();
app.MapVenues();
app.MapPolicies();
app.MapControlPlans();
app.MapQuarantine();
app.MapMonitoring();
app.MapMassTesting();
app.MapPages();
await app.RunAsync();

/// <summary>Entry point, public for WebApplicationFactory.</summary>
public partial class Program;
