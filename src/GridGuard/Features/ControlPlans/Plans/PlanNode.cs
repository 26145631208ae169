using GridGuard.Platform.Auth;
using GridGuard.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Features.ControlPlans.Plans;

/// <summary>
/// Where a plan sits (and so its health checks and tasks, which take the plan's node): the node of the person's
/// household — their grid — when the person belongs to a household inside the report's subtree, otherwise the
/// report's node. The steward and grid workers of that grid see the plan; the village officers above it still do,
/// because scope is by materialised path. A household outside the report's subtree does not move the plan: the
/// report's address is where the person stays, and the staff who compute the plan must keep seeing it.
/// </summary>
public static class PlanNode
{
    /// <summary>The plan's node; the person is looked up in <paramref name="me"/>'s plan-staff scope.</summary>
    public static async Task<Guid> ForAsync(AppDbContext db, CurrentUser me, Guid personId, Guid reportNodeId, CancellationToken ct)
    {
        var reportPath = await db.Jurisdictions.AsNoTracking()
            .Where(j => j.Id == reportNodeId)
            .Select(j => j.Path)
            .FirstOrDefaultAsync(ct);
        if (reportPath is null)
        {
            return reportNodeId;
        }

        var household = await db.Persons.AsNoTracking().InScopeOf(me, PlanText.Staff)
            .Where(p => p.Id == personId && p.Household != null)
            .Select(p => new { p.Household!.JurisdictionId, p.Household.Jurisdiction!.Path })
            .FirstOrDefaultAsync(ct);
        return household is not null && household.Path.StartsWith(reportPath, StringComparison.Ordinal)
            ? household.JurisdictionId
            : reportNodeId;
    }
}
