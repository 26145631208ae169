using GridGuard.Features.ControlPlans;
using GridGuard.Features.Jurisdictions;
using GridGuard.Platform.Auth;

namespace GridGuard.Features.MassTesting;

/// <summary>
/// 采样管: one barcode, one pool size (1 "一人一管", 5 or 10), used in exactly one round. It closes when full or by hand,
/// and the lab answers per tube (<see cref="TestResult"/>: Negative, Positive or Invalid). A second, different answer is
/// refused; it needs a correction with a reason (audited).
/// </summary>
public sealed class Tube : IInJurisdiction
{
    public const int BarcodeMaxLength = 32;
    public const int CorrectionReasonMaxLength = 200;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    public required string Barcode { get; set; }

    public Guid RoundId { get; set; }

    public Guid? SiteId { get; set; }

    /// <summary>The site's node (or the round's, for home sampling): who may see the tube.</summary>
    public Guid JurisdictionId { get; set; }

    public Jurisdiction? Jurisdiction { get; set; }

    public int PoolSize { get; set; }

    /// <summary>Persons in the tube so far.</summary>
    public int Count { get; set; }

    public TubeStatus Status { get; set; }

    public Guid OpenedById { get; set; }

    public DateTime OpenedAt { get; set; }

    public DateTime? ClosedAt { get; set; }

    public TestResult? Result { get; set; }

    public DateTime? ResultAt { get; set; }

    public Guid? ResultById { get; set; }

    public string? CorrectionReason { get; set; }
}

public enum TubeStatus
{
    Open,
    Closed,
}
