namespace GridGuard.Features.Canvassing.Tips;

/// <summary>
/// Abuse limits of the public tip form (section "Tips"). Counted in the database over a sliding window, so they hold
/// across restarts and instances — provided every instance is given the same <see cref="SenderSecret"/>.
/// </summary>
public sealed class TipsOptions
{
    public const string Section = "Tips";

    /// <summary>Tips accepted from one sender (IP address, IPv6 by /64) per <see cref="PerIpWindow"/>.</summary>
    public int PerIpLimit { get; set; } = 5;

    public TimeSpan PerIpWindow { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Tips accepted with one tipster phone per <see cref="PerPhoneWindow"/>.</summary>
    public int PerPhoneLimit { get; set; } = 3;

    public TimeSpan PerPhoneWindow { get; set; } = TimeSpan.FromDays(1);

    /// <summary>
    /// Key of the HMAC that turns a sender's IP into <see cref="Tip.SenderHash"/> (at least 32 characters). Set it from
    /// the environment or a secret store (Tips__SenderSecret), never in the repository. When it is missing, a random
    /// key is made at start: limits then restart with the process and are not shared between instances.
    /// </summary>
    public string? SenderSecret { get; set; }
}

/// <summary>The reward ledger (section "Rewards").</summary>
public sealed class RewardOptions
{
    public const string Section = "Rewards";

    /// <summary>Whole yuan per confirmed tip or finder (001: 500 元 each).</summary>
    public int Amount { get; set; } = 500;
}
