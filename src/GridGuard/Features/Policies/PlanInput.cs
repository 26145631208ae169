using GridGuard.Features.Canvassing;
using GridGuard.Features.Households;

namespace GridGuard.Features.Policies;

/// <summary>
/// What a control plan is computed from. <see cref="Anchor"/> is the last exposure for contacts and the arrival
/// date for everyone else; day k of the plan is Anchor + k. <see cref="RiskLevel"/> is the flag's level or the
/// trip's (<see cref="RiskAreaIndex.LevelOf(IEnumerable{Stay})"/>); null when unknown.
/// <see cref="Groups"/> are the person's special groups (declared and derived: see <see cref="SpecialGroups.Of"/>).
/// <see cref="KeepCentralForSpecialGroup"/> is staff overriding the special-group exception (with a reason, stored
/// by the caller).
/// </summary>
public sealed record PlanInput(
    KeyPersonCategory Category,
    RiskLevel? RiskLevel,
    DateOnly Anchor,
    DateOnly RegisteredOn,
    IReadOnlyCollection<VulnerableGroup>? Groups = null,
    TestProof? Proof = null,
    bool KeepCentralForSpecialGroup = false);

/// <summary>A declared test before arrival (返乡报备的核酸证明): its sampling date and whether it was negative.</summary>
public sealed record TestProof(DateOnly Date, bool Negative);
