using GridGuard.Features.Households;
using GridGuard.Features.Jurisdictions;
using GridGuard.Platform.Auth;

namespace GridGuard.Features.MassTesting;

/// <summary>
/// 应检人员: one person of a round's expected population, at the node of their household when the round opened (a grid,
/// usually). Coverage counts these rows; the sampling and exemption write paths keep <see cref="RoundTally"/> in step.
/// </summary>
public sealed class RoundMember : IInJurisdiction
{
    public const int ExemptionReasonMaxLength = 200;

    public Guid RoundId { get; set; }

    public Guid PersonId { get; set; }

    public Person? Person { get; set; }

    public Guid JurisdictionId { get; set; }

    public Jurisdiction? Jurisdiction { get; set; }

    /// <summary>The first time the person was sampled in the round; null while not yet sampled.</summary>
    public DateTime? FirstSampledAt { get; set; }

    /// <summary>How many times the person was sampled in the round (a second one is warned, not refused).</summary>
    public int Samplings { get; set; }

    /// <summary>The outcome of the person's latest sampling in the round, once the lab has answered.</summary>
    public SamplingOutcome Outcome { get; set; }

    public ExemptionKind? Exemption { get; set; }

    public string? ExemptionReason { get; set; }

    public Guid? ExemptedById { get; set; }

    public DateTime? ExemptedAt { get; set; }
}

/// <summary>免检 kinds (DOMAIN.md §7): away with a place, hospitalised, deceased; each with a reason.</summary>
public enum ExemptionKind
{
    /// <summary>外出（注明去向）.</summary>
    Away,

    /// <summary>住院.</summary>
    Hospitalised,

    /// <summary>死亡.</summary>
    Deceased,
}

/// <summary>
/// Per round and node: the expected, exempt and sampled counts, kept by the write paths so that the live coverage board
/// reads a few hundred rows instead of a million.
/// </summary>
public sealed class RoundTally : IInJurisdiction
{
    public Guid RoundId { get; set; }

    public Guid JurisdictionId { get; set; }

    public Jurisdiction? Jurisdiction { get; set; }

    public int Expected { get; set; }

    public int Exempt { get; set; }

    /// <summary>Members sampled at least once, exempt or not.</summary>
    public int Sampled { get; set; }

    /// <summary>Members both sampled and exempt (so that coverage = sampled-not-exempt / expected-not-exempt).</summary>
    public int SampledExempt { get; set; }
}
