using GridGuard.Features.Households;
using GridGuard.Features.Jurisdictions;
using GridGuard.Platform.Auth;

namespace GridGuard.Features.Quarantine;

/// <summary>
/// 入住: one person placed in one room of a site, until checked out. It changes the person's situation, so it is filed
/// (and audited) under the person's node. At most one open placement per person (a filtered unique index).
/// </summary>
public sealed class RoomAssignment : IInJurisdiction
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid SiteId { get; set; }

    public Guid RoomId { get; set; }

    public Guid PersonId { get; set; }

    public Person? Person { get; set; }

    /// <summary>The control plan the person is under (Active when placed).</summary>
    public Guid ControlPlanId { get; set; }

    /// <summary>The person's node when placed.</summary>
    public Guid JurisdictionId { get; set; }

    public Jurisdiction? Jurisdiction { get; set; }

    public DateTime CheckedInAt { get; set; }

    public DateTime? CheckedOutAt { get; set; }

    public Guid? AssignedById { get; set; }

    public Guid? CheckedOutById { get; set; }
}
