using GridGuard.Features.ControlPlans;
using GridGuard.Features.Households;
using GridGuard.Features.Jurisdictions;
using GridGuard.Platform.Auth;

namespace GridGuard.Features.Monitoring;

/// <summary>
/// 健康监测（测温）: one check of a person under an active control plan — temperature (°C, one decimal) and symptoms,
/// who checked and when. Abnormal at ≥ 37.3 °C or with any symptom (DOMAIN.md §6); an abnormal check opens a referral.
/// </summary>
public sealed class HealthCheck : IInJurisdiction
{
    public const double MinTemperature = 34.0;
    public const double MaxTemperature = 43.0;
    public const double FeverThreshold = 37.3;
    public const int NoteMaxLength = 200;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid ControlPlanId { get; set; }

    public ControlPlan? ControlPlan { get; set; }

    public Guid PersonId { get; set; }

    public Person? Person { get; set; }

    /// <summary>The plan's node (the person's grid), so the check is scoped like the plan.</summary>
    public Guid JurisdictionId { get; set; }

    public Jurisdiction? Jurisdiction { get; set; }

    public double Temperature { get; set; }

    /// <summary>Comma-separated <see cref="GridGuard.Features.Canvassing.Symptom"/> names; empty when none.</summary>
    public string Symptoms { get; set; } = "";

    public bool Abnormal { get; set; }

    public string? Note { get; set; }

    public Guid CheckedById { get; set; }

    public AppUser? CheckedBy { get; set; }

    /// <summary>When the check was recorded (UTC, from the clock).</summary>
    public DateTime CheckedAt { get; set; }

    public static bool IsAbnormal(double temperature, int symptomCount) => temperature >= FeverThreshold || symptomCount > 0;
}
