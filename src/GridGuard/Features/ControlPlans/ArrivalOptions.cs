namespace GridGuard.Features.ControlPlans;

/// <summary>
/// Abuse limit of the public arrival-report form (section "Arrivals"), counted from the ArrivalReports table by the
/// sender's hashed IP (the same <see cref="Canvassing.Tips.TipSender"/> key as tips). A family files one report each,
/// so the limit is higher than the tip form's. Staff filing for a person are not limited.
/// </summary>
public sealed class ArrivalOptions
{
    public const string Section = "Arrivals";

    public int PerIpLimit { get; set; } = 10;

    public TimeSpan PerIpWindow { get; set; } = TimeSpan.FromHours(1);
}
