using GridGuard.Features.Jurisdictions;
using GridGuard.Platform.Auth;

namespace GridGuard.Features.Venues;

/// <summary>重点场所: a place inside a grid with a responsible person (DOMAIN.md §4).</summary>
public sealed class Venue : IInJurisdiction
{
    public const int NameMaxLength = 100;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    public required string Name { get; set; }

    public VenueKind Kind { get; set; }

    public Guid JurisdictionId { get; set; }

    public Jurisdiction? Jurisdiction { get; set; }

    public string? Address { get; set; }

    public required string ResponsibleName { get; set; }

    public string? ResponsiblePhone { get; set; }

    /// <summary>外地员工人数.</summary>
    public int NonLocalStaff { get; set; }

    public bool IsActive { get; set; } = true;

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }
}

public enum VenueKind
{
    Enterprise,
    ScenicSpot,
    Hotel,
    Restaurant,
    ChessRoom,
    LotteryShop,
    NursingHome,
    School,
    Kindergarten,
    Market,
    Supermarket,
    Pharmacy,
    BusStop,
    OfficeBuilding,
    IndustrialPark,
}
