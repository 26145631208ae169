namespace GridGuard.Features.Policies;

/// <summary>风险等级 of a published risk area (DOMAIN.md §5). Ordered: Low &lt; Medium &lt; High.</summary>
public enum RiskLevel
{
    Low,
    Medium,
    High,
}
