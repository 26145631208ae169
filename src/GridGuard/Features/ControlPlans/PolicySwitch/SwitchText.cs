using GridGuard.Features.ControlPlans.Plans;
using GridGuard.Platform.Data;

namespace GridGuard.Features.ControlPlans.PolicySwitch;

/// <summary>Shared pieces of the policy switch: the target version and the messages.</summary>
public static class SwitchText
{
    public const string Forbidden = "您的岗位无权切换管控规则（需要县指挥部或系统管理员）";

    /// <summary>The active stored version with id <paramref name="policyId"/>, as plans are computed under it; null when absent or withdrawn.</summary>
    public static async Task<StoredRulebook?> TargetAsync(AppDbContext db, Guid? policyId, CancellationToken ct) =>
        policyId is { } id ? (await PolicyBook.LoadAsync(db, ct)).FirstOrDefault(b => b.PolicyId == id) : null;
}
