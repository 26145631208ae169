using GridGuard.Features.Quarantine.Export;
using GridGuard.Features.Quarantine.Rooms;
using GridGuard.Features.Quarantine.Sites;
using GridGuard.Features.Quarantine.Transfers;

namespace GridGuard.Features.Quarantine;

/// <summary>Quarantine sites (集中隔离点): sites and their activation clock, rooms and the bed board, placements, transfers.</summary>
public static class QuarantineModule
{
    public static IServiceCollection AddQuarantine(this IServiceCollection services) => services;

    public static WebApplication MapQuarantine(this WebApplication app)
    {
        var sites = app.MapGroup("/api/quarantine-sites").WithTags("集中隔离点").RequireAuthorization();
        sites.MapListSites();
        sites.MapListTransfers();
        sites.MapGetSite();
        sites.MapRegisterSite();
        sites.MapEditSite();
        sites.MapChangeSiteStatus();
        sites.MapAddRooms();
        sites.MapPlacementCandidates();
        sites.MapAssignRoom();
        sites.MapCheckOut();
        sites.MapMarkRoomCleaned();
        sites.MapRecordTransfer();
        sites.MapExportOccupancy();
        return app;
    }
}
