using GridGuard.Features.Jurisdictions;
using GridGuard.Platform.Audit;
using GridGuard.Platform.Auth;

namespace GridGuard.Features.MassTesting;

/// <summary>采样点 of a round: address, opening hours, lanes and staff, at a node inside the round's subtree.</summary>
public sealed class SamplingSite : IInJurisdiction
{
    public const int NameMaxLength = 100;
    public const int AddressMaxLength = 200;
    public const int StaffMaxLength = 200;
    public const int MaxLanes = 50;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid RoundId { get; set; }

    public MassTestingRound? Round { get; set; }

    public required string Name { get; set; }

    public required string Address { get; set; }

    public Guid JurisdictionId { get; set; }

    public Jurisdiction? Jurisdiction { get; set; }

    /// <summary>Opening hours in county time, every day of the round.</summary>
    public TimeOnly Opens { get; set; }

    public TimeOnly Closes { get; set; }

    public int Lanes { get; set; }

    /// <summary>Free text: the samplers, registrars and the person in charge with phones.</summary>
    public string? Staff { get; set; }

    public List<SamplingSlot> Slots { get; set; } = [];

    public DateTime CreatedAt { get; set; }
}

/// <summary>One line of a site's timetable (按网格分片组织): a grid called to the site in a time slot.</summary>
public sealed class SamplingSlot : IAuditedUnder
{
    Guid IAuditedUnder.AuditOwnerId => SiteId;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid SiteId { get; set; }

    public Guid GridId { get; set; }

    public Jurisdiction? Grid { get; set; }

    public DateTime StartsAt { get; set; }

    public DateTime EndsAt { get; set; }
}
