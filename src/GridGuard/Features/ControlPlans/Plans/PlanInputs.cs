using GridGuard.Features.Canvassing;
using GridGuard.Features.Policies;
using GridGuard.Platform;
using GridGuard.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Features.ControlPlans.Plans;

/// <summary>Builds a <see cref="PlanInput"/> from an arrival report: trip risk from the stored risk-area list, groups from the registry.</summary>
public static class PlanInputs
{
    public static async Task<PlanInput> FromReportAsync(AppDbContext db, CountyClock clock, ArrivalReport report,
        KeyPersonCategory category, RiskLevel? level, bool levelGiven, bool keepCentral, CancellationToken ct)
    {
        var stays = report.Stays.Select(s => new Stay(Place.Of(s.PlaceCode, s.SubArea), s.From, s.To)).ToList();
        if (!levelGiven)
        {
            level = stays.Count == 0 ? null : (await IndexAsync(db, stays, ct)).LevelOf(stays);
        }

        var person = await db.Persons.AsNoTracking()
            .Where(p => p.Id == report.PersonId)
            .Select(p => new { p.BirthDate, Groups = p.VulnerableGroups.Select(g => g.Group).ToList() })
            .FirstOrDefaultAsync(ct);
        var groups = SpecialGroups.Of(person?.Groups, person?.BirthDate, report.ArrivedOn);
        var proof = report is { TestDate: { } date, TestNegative: { } negative } ? new TestProof(date, negative) : null;
        var registered = DateOnly.FromDateTime(clock.ToLocal(report.CreatedAt));
        return new PlanInput(category, level, report.ArrivedOn, registered, [.. groups], proof, keepCentral);
    }

    /// <summary>The risk areas in force at some time during the stays, as an index (all places: the county rule needs them).</summary>
    public static async Task<RiskAreaIndex> IndexAsync(AppDbContext db, IReadOnlyList<Stay> stays, CancellationToken ct)
    {
        var first = stays.Min(s => s.From);
        var last = stays.Max(s => s.To);
        var areas = await db.RiskAreas.AsNoTracking()
            .Where(a => a.From <= last && (a.To == null || a.To > first))
            .Select(a => new { a.PlaceCode, a.SubArea, a.Level, a.From, a.To })
            .ToListAsync(ct);
        return RiskAreaIndex.Build(areas.Select(a => new ListedArea(Place.Of(a.PlaceCode, a.SubArea), a.Level, a.From, a.To)));
    }
}
