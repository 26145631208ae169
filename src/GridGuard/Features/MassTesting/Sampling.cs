using GridGuard.Features.Households;
using GridGuard.Features.Jurisdictions;
using GridGuard.Platform.Auth;

namespace GridGuard.Features.MassTesting;

/// <summary>
/// 采样 (one scan): one person into one tube. <see cref="ClientId"/> is made by the sampler's device, so a batch sent twice
/// (after a network loss) changes nothing. A person scanned by an ID number that is not in the registry has no
/// <see cref="PersonId"/>: the reconciliation list shows them for the grid to register.
/// </summary>
public sealed class Sampling : IInJurisdiction
{
    public const int IdNumberMaxLength = 18;
    public const int NameMaxLength = 50;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid ClientId { get; set; }

    public Guid RoundId { get; set; }

    public Guid TubeId { get; set; }

    public Tube? Tube { get; set; }

    public Guid? SiteId { get; set; }

    public Guid? PersonId { get; set; }

    public Person? Person { get; set; }

    /// <summary>The resident-ID number as scanned or typed (for a person not in the registry, the only identity).</summary>
    public string? IdNumber { get; set; }

    public string? Name { get; set; }

    /// <summary>The member's node in the round; the site's node for a person not in the registry.</summary>
    public Guid JurisdictionId { get; set; }

    public Jurisdiction? Jurisdiction { get; set; }

    /// <summary>When the sampler scanned (the device's clock, as sent).</summary>
    public DateTime SampledAt { get; set; }

    public DateTime ReceivedAt { get; set; }

    public Guid SamplerId { get; set; }

    /// <summary>Already sampled in this round before this scan (the sampler was warned).</summary>
    public bool Repeat { get; set; }

    public SamplingOutcome Outcome { get; set; }
}

/// <summary>What a sampling means for its person once the lab answers for the tube (DOMAIN.md §7).</summary>
public enum SamplingOutcome
{
    /// <summary>待出结果.</summary>
    Pending,

    /// <summary>阴性.</summary>
    Negative,

    /// <summary>混管阳性，待单管复核: stay in place; a single-tube retest within 2 h.</summary>
    PooledPositive,

    /// <summary>单管阳性: a suspected case.</summary>
    Positive,

    /// <summary>无效，需重新采样.</summary>
    Invalid,
}
