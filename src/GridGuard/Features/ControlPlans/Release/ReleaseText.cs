using GridGuard.Platform.Auth;

namespace GridGuard.Features.ControlPlans.Release;

/// <summary>Who sees a plan's release checklist and its printable papers: plan staff and both kinds of signer.</summary>
public static class ReleaseText
{
    public static readonly IReadOnlySet<Role> Viewers =
        new HashSet<Role>(PlanText.Staff.Concat(ReleaseRules.StewardSigners).Concat(ReleaseRules.MedicalSigners));
}
