using GridGuard.Features.Jurisdictions;

namespace GridGuard.Features.Canvassing;

/// <summary>线索: a lead from a resident, possibly anonymous. A confirmed tip earns a <see cref="Reward"/>.</summary>
public sealed class Tip
{
    public const int TextMaxLength = 1000;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>The node the tip was filed for (chosen by the tipster, or set by staff); null until triaged.</summary>
    public Guid? JurisdictionId { get; set; }

    public Jurisdiction? Jurisdiction { get; set; }

    public required string Content { get; set; }

    public string? SubjectName { get; set; }

    public string? SubjectAddress { get; set; }

    /// <summary>Optional: tips may be anonymous.</summary>
    public string? TipsterName { get; set; }

    public string? TipsterPhone { get; set; }

    /// <summary>A keyed hash of the sender's IP, for abuse limits; never the IP itself.</summary>
    public string? SenderHash { get; set; }

    public TipStatus Status { get; set; }

    public Guid? KeyPersonFlagId { get; set; }

    public DateTime CreatedAt { get; set; }
}

public enum TipStatus
{
    New,
    Confirmed,
    Rejected,
}

/// <summary>奖励: money earned by a tipster or finder of a confirmed key person (001: 500 元 each).</summary>
public sealed class Reward
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid? TipId { get; set; }

    public Guid? KeyPersonFlagId { get; set; }

    public required string RecipientName { get; set; }

    public string? RecipientPhone { get; set; }

    /// <summary>The grid the reward is reported under.</summary>
    public Guid JurisdictionId { get; set; }

    public Jurisdiction? Jurisdiction { get; set; }

    /// <summary>Whole yuan.</summary>
    public int Amount { get; set; }

    public required string Reason { get; set; }

    public DateTime CreatedAt { get; set; }
}
