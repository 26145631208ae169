using GridGuard.Features.Jurisdictions;
using GridGuard.Platform.Auth;

namespace GridGuard.Features.MassTesting;

/// <summary>
/// 区域核酸筛查 (one round): test everyone in a subtree in a window (DOMAIN.md §7). Opening a round snapshots its expected
/// population into <see cref="RoundMember"/> rows — every person whose household is in the subtree at that moment — and
/// makes a home-sampling task for each bedridden, SemiDependent or Dialysis person.
/// </summary>
public sealed class MassTestingRound : IInJurisdiction
{
    public const int NameMaxLength = 100;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    public required string Name { get; set; }

    /// <summary>The root of the subtree the round covers.</summary>
    public Guid JurisdictionId { get; set; }

    public Jurisdiction? Jurisdiction { get; set; }

    public DateTime StartsAt { get; set; }

    public DateTime EndsAt { get; set; }

    public RoundStatus Status { get; set; }

    /// <summary>The size of the snapshot when the round opened (exemptions are subtracted live, not here).</summary>
    public int Population { get; set; }

    public Guid OpenedById { get; set; }

    public DateTime OpenedAt { get; set; }

    public DateTime? ClosedAt { get; set; }
}

public enum RoundStatus
{
    /// <summary>进行中.</summary>
    Open,

    /// <summary>已结束: no more tubes or scans; results may still come in.</summary>
    Closed,

    /// <summary>准备中: the expected population is being snapshotted (<c>RoundSnapshot</c>); no scans yet.</summary>
    Preparing,
}
