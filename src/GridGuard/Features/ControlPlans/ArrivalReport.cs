using GridGuard.Features.Households;
using GridGuard.Features.Jurisdictions;
using GridGuard.Platform.Audit;
using GridGuard.Platform.Auth;

namespace GridGuard.Features.ControlPlans;

/// <summary>
/// 返乡报备: an arrival reported by the person (no account) or by a grid worker for them (DOMAIN.md §5, issue 4).
/// Matched to the registry by identity number, or creates the person there (<see cref="PersonId"/>).
/// </summary>
public sealed class ArrivalReport : IInJurisdiction
{
    public const int AddressMaxLength = 200;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    public required string Name { get; set; }

    public IdType IdType { get; set; }

    public required string IdNumber { get; set; }

    public required string Phone { get; set; }

    /// <summary>The node (grid or village) of the address where the person will stay.</summary>
    public Guid JurisdictionId { get; set; }

    public Jurisdiction? Jurisdiction { get; set; }

    public required string StayAddress { get; set; }

    /// <summary>Where they came from: division code and name as typed.</summary>
    public string? FromPlaceCode { get; set; }

    public required string FromPlaceName { get; set; }

    public DateOnly DepartedOn { get; set; }

    public DateOnly ArrivedOn { get; set; }

    /// <summary>The declared test before arrival (核酸证明): sampling date and result; null when none.</summary>
    public DateOnly? TestDate { get; set; }

    public bool? TestNegative { get; set; }

    /// <summary>Places stayed at in the last 14 days (the origin included), for the risk of the trip.</summary>
    public List<ArrivalStay> Stays { get; set; } = [];

    public Guid? PersonId { get; set; }

    public Person? Person { get; set; }

    /// <summary>The staff member who filed it for the person; null when self-reported.</summary>
    public Guid? FiledById { get; set; }

    /// <summary>A keyed hash of the sender's IP (self-reports), for abuse limits; never the IP itself.</summary>
    public string? SenderHash { get; set; }

    public ArrivalStatus Status { get; set; }

    public DateTime CreatedAt { get; set; }
}

public enum ArrivalStatus
{
    /// <summary>Filed; no plan yet.</summary>
    New,

    /// <summary>A control plan was proposed or confirmed from it.</summary>
    Planned,

    /// <summary>Staff decided no plan is needed (e.g. a duplicate), with a note in the audit log.</summary>
    Closed,
}

/// <summary>One stay of a trip: a place (division code + optional sub-area) with inclusive dates.</summary>
public sealed class ArrivalStay : IAuditedUnder
{
    Guid IAuditedUnder.AuditOwnerId => ArrivalReportId;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid ArrivalReportId { get; set; }

    public required string PlaceCode { get; set; }

    public string? PlaceName { get; set; }

    public string? SubArea { get; set; }

    public DateOnly From { get; set; }

    public DateOnly To { get; set; }
}
