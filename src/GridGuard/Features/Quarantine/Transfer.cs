using GridGuard.Features.Households;
using GridGuard.Features.Jurisdictions;
using GridGuard.Platform.Auth;

namespace GridGuard.Features.Quarantine;

/// <summary>
/// 转运: a person moved to a site by a dedicated vehicle (DOMAIN.md §6; 000, 003), with the vehicle (negative-pressure or
/// not), its times and its crew. Filed (and audited) under the person's node.
/// </summary>
public sealed class Transfer : IInJurisdiction
{
    public const int AddressMaxLength = 200;
    public const int CrewMaxLength = 200;
    public const int PlateMaxLength = 10;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid PersonId { get; set; }

    public Person? Person { get; set; }

    /// <summary>The person's node when moved.</summary>
    public Guid JurisdictionId { get; set; }

    public Jurisdiction? Jurisdiction { get; set; }

    /// <summary>Where they were picked up: an address, or another site.</summary>
    public string? FromAddress { get; set; }

    public Guid? FromSiteId { get; set; }

    public Guid ToSiteId { get; set; }

    public required string VehiclePlate { get; set; }

    public bool NegativePressure { get; set; }

    /// <summary>Crew names, separated by "、".</summary>
    public required string Crew { get; set; }

    public DateTime DepartedAt { get; set; }

    public DateTime? ArrivedAt { get; set; }

    public Guid? RecordedById { get; set; }

    public DateTime CreatedAt { get; set; }
}
