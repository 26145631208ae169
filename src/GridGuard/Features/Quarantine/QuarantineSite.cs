using GridGuard.Features.Jurisdictions;
using GridGuard.Platform.Audit;
using GridGuard.Platform.Auth;

namespace GridGuard.Features.Quarantine;

/// <summary>
/// 集中隔离点: a site with rooms and a responsible person, at a node of the tree (DOMAIN.md §6). Standby → Activating
/// (a 24-hour clock starts: clear, take over, receive; 003) → Active, and back to Standby when stood down.
/// </summary>
public sealed class QuarantineSite : IInJurisdiction
{
    public const int NameMaxLength = 100;
    public const int AddressMaxLength = 200;
    public const int ResponsibleNameMaxLength = 50;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    public required string Name { get; set; }

    public required string Address { get; set; }

    public Guid JurisdictionId { get; set; }

    public Jurisdiction? Jurisdiction { get; set; }

    public required string ResponsibleName { get; set; }

    public string? ResponsiblePhone { get; set; }

    public SiteStatus Status { get; set; }

    /// <summary>When the last activation started (the 24-hour clock); null in Standby.</summary>
    public DateTime? ActivationStartedAt { get; set; }

    /// <summary>When the site became Active; null otherwise.</summary>
    public DateTime? ActivatedAt { get; set; }

    public List<QuarantineRoom> Rooms { get; set; } = [];

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }
}

public enum SiteStatus
{
    /// <summary>待命.</summary>
    Standby,

    /// <summary>启用中: being cleared, taken over and made ready, within 24 h.</summary>
    Activating,

    /// <summary>已启用: receiving people.</summary>
    Active,
}

/// <summary>A room of a site ("一人一间": capacity 1 unless set otherwise). Audited under its site (load the site too).</summary>
public sealed class QuarantineRoom : IAuditedUnder
{
    public const int CodeMaxLength = 20;
    public const int MaxCapacity = 20;

    Guid IAuditedUnder.AuditOwnerId => SiteId;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid SiteId { get; set; }

    public required string Code { get; set; }

    public int Capacity { get; set; } = 1;

    public RoomStatus Status { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    /// <summary>
    /// Bumped by every placement: a concurrency token, so two placements that both saw a free bed cannot both save
    /// (the loser re-reads the room and is refused when it is full).
    /// </summary>
    public int Version { get; set; }
}

public enum RoomStatus
{
    /// <summary>空闲.</summary>
    Free,

    /// <summary>在住: at least one person placed.</summary>
    Occupied,

    /// <summary>待消杀: emptied by a check-out, to be cleaned before the next person.</summary>
    Cleaning,
}
