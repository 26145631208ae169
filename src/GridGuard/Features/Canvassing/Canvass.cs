using GridGuard.Features.Jurisdictions;
using GridGuard.Platform.Auth;

namespace GridGuard.Features.Canvassing;

/// <summary>排查: a door-to-door campaign over a subtree within a window, e.g. 春节返乡排查 2021-01-20 → 2021-02-26.</summary>
public sealed class Canvass : IInJurisdiction
{
    public const int NameMaxLength = 100;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    public required string Name { get; set; }

    /// <summary>The root of the subtree the canvass covers.</summary>
    public Guid JurisdictionId { get; set; }

    public Jurisdiction? Jurisdiction { get; set; }

    public DateOnly StartsOn { get; set; }

    /// <summary>Last day, inclusive.</summary>
    public DateOnly EndsOn { get; set; }

    public DateTime CreatedAt { get; set; }
}
