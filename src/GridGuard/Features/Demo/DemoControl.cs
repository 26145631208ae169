using System.Globalization;
using GridGuard.Features.ControlPlans;
using GridGuard.Features.ControlPlans.Arrivals;
using GridGuard.Features.ControlPlans.Plans;
using GridGuard.Features.Jurisdictions;
using GridGuard.Features.Monitoring.Checks;
using GridGuard.Features.Policies;
using GridGuard.Platform;
using GridGuard.Platform.Audit;
using GridGuard.Platform.Auth;
using GridGuard.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Features.Demo;

/// <summary>
/// Issue 4's demo data for a seeded county, through the real use cases so that every row is what a user would have made:
/// <see cref="Origins"/> as risk areas, <see cref="Reports"/> arrival reports filed by staff for registry residents (a
/// block in the focus grid, the rest spread over the county), plans computed under the 2021-01 春节 rulebook and
/// confirmed (the last two left to confirm), one health check per active plan by the household's steward (one of them
/// abnormal, so a referral is open), and one activated quarantine site with rooms and the central-quarantine plans
/// placed (<see cref="DemoQuarantine"/>). Deterministic: the same county gives the same people, places and dates
/// relative to the county day. Once: a county that already has an arrival report, or a database that has demo risk
/// areas, is left alone; so is a county without adult residents in households.
/// </summary>
public sealed class DemoControl(AppDbContext db, CountyClock clock, AuditLog audit, DemoQuarantine quarantine, ILogger<DemoControl> log)
{
    public const string Source = "演示数据";
    public const string Policy = "2021-01 春节";
    public const int Reports = 20;
    public const int InFocusGrid = 8;
    public const int Unconfirmed = 2;

    /// <summary>Where the returnees came from (real division codes outside the county), with the published level.</summary>
    public static readonly IReadOnlyList<Origin> Origins =
    [
        new("110105", "北京市朝阳区", RiskLevel.Medium),
        new("310115", "上海市浦东新区", RiskLevel.High),
        new("440106", "广州市天河区", RiskLevel.Medium),
        new("420106", "武汉市武昌区", RiskLevel.Low),
        new("510107", "成都市武侯区", RiskLevel.Medium),
        new("530102", "昆明市五华区", RiskLevel.High),
        new("610113", "西安市雁塔区", RiskLevel.Low),
        new("330106", "杭州市西湖区", RiskLevel.Medium),
        new("500112", "重庆市渝北区", RiskLevel.Low),
        new("530111", "昆明市官渡区", RiskLevel.Medium),
    ];

    /// <summary>Seeds the county once; false when it was seeded before, has no one to report, or the actor is missing.</summary>
    public async Task<bool> RunAsync(string countyCode, string actorUserName, string? focusGridCode, IReadOnlyList<Origin>? origins = null,
        CancellationToken ct = default)
    {
        origins ??= Origins;
        var county = await db.Jurisdictions.AsNoTracking().SingleAsync(j => j.Code == countyCode, ct);
        var codes = origins.Select(o => o.Code).ToList();
        if (await db.ArrivalReports.AnyAsync(r => r.Jurisdiction!.Path.StartsWith(county.Path), ct)
            || await db.RiskAreas.AnyAsync(a => a.Source == Source && codes.Contains(a.PlaceCode), ct))
        {
            return false;
        }

        if (await DemoActors.ForAsync(db, actorUserName, ct) is not { } me)
        {
            log.LogWarning("Demo control plans skipped: no user {UserName}", actorUserName);
            return false;
        }

        var persons = await PersonsAsync(me, county.Path, focusGridCode, ct);
        if (persons.Count == 0)
        {
            return false;
        }

        var started = clock.UtcNow;
        var today = clock.Today;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        for (var i = 0; i < origins.Count; i++)
        {
            var o = origins[i];
            db.RiskAreas.Add(new RiskArea
            {
                PlaceCode = o.Code,
                PlaceName = o.Name,
                Level = o.Level,
                From = today.AddDays(-30 + i),
                To = today.AddDays(30 + i),
                Source = Source,
                CreatedAt = started,
                UpdatedAt = started,
            });
        }

        await db.SaveChangesAsync(ct);

        var villages = await db.Jurisdictions.AsNoTracking()
            .Where(j => j.Level == JurisdictionLevel.Village && j.Path.StartsWith(county.Path))
            .Select(j => new { j.Id, j.Path })
            .ToListAsync(ct);
        var plans = new List<GetPlan.Detail>();
        for (var i = 0; i < persons.Count; i++)
        {
            var p = persons[i];
            var origin = origins[i % origins.Count];
            var arrived = today.AddDays(-(i % 3));
            var request = new FileArrival.Request
            {
                Name = p.Name,
                IdType = p.IdType,
                IdNumber = p.IdNumber,
                Phone = p.Phone ?? "139" + (87700000 + i).ToString(CultureInfo.InvariantCulture),
                VillageId = villages.First(v => p.GridPath.StartsWith(v.Path, StringComparison.Ordinal)).Id,
                StayAddress = p.Address ?? "家中",
                FromPlaceCode = origin.Code,
                FromPlaceName = origin.Name,
                DepartedOn = arrived.AddDays(-1),
                ArrivedOn = arrived,
                Stays = [new FileArrival.StayRow { PlaceCode = origin.Code, PlaceName = origin.Name, From = arrived.AddDays(-10), To = arrived.AddDays(-1) }],
                TestDate = origin.Level == RiskLevel.Low && i % 2 == 0 ? arrived.AddDays(-2) : null,
                TestResult = origin.Level == RiskLevel.Low && i % 2 == 0 ? "Negative" : null,
            };
            var filed = await FileArrival.ExecuteAsync(db, me, "", new ArrivalOptions(), clock, log, request, ct);
            if (filed.Kind != FileArrival.Kind.Accepted)
            {
                throw new InvalidOperationException("Demo arrival report refused: " + string.Join("; ", filed.Errors.ToDictionary().SelectMany(e => e.Value)));
            }

            var computed = await ComputePlan.ExecuteAsync(db, me, clock, filed.Receipt!.Id, new ComputePlan.Request { Policy = Policy }, ct);
            var plan = computed.Value ?? throw new InvalidOperationException("Demo plan not computed: " + computed.Message);
            if (i < persons.Count - Unconfirmed)
            {
                var confirm = new ConfirmPlan.Request();
                if (plan.Exception == nameof(PlanException.Proposed))
                {
                    (confirm.ExceptionDecision, confirm.Reason) = ("Keep", "演示：特殊人群居家隔离，每日上门");
                }

                plan = (await ConfirmPlan.ExecuteAsync(db, me, clock, audit, plan.Id, confirm, ct)).Value
                    ?? throw new InvalidOperationException("Demo plan not confirmed");
            }

            plans.Add(plan);
        }

        var active = plans.Where(p => p.Status == nameof(PlanStatus.Active) && p.Phases.Count > 0).ToList();
        for (var i = 0; i < active.Count; i++)
        {
            var checker = await DemoActors.StewardOfAsync(db, active[i].PersonId, ct) ?? me;
            var abnormal = i == 1;
            var check = new RecordHealthCheck.Request
            {
                Temperature = abnormal ? 37.8 : 36.2 + (i % 6) / 10.0,
                Symptoms = abnormal ? ["Cough"] : [],
                Note = abnormal ? "演示：咳嗽，体温偏高" : null,
            };
            await RecordHealthCheck.ExecuteAsync(db, checker, clock, active[i].Id, check, ct);
        }

        var placed = await quarantine.RunAsync(me, county.Id, active.Where(p => p.Phases[0].Kind == nameof(PhaseKind.CentralQuarantine)).Select(p => p.PersonId), ct);
        await transaction.CommitAsync(ct);
        log.LogInformation("Demo control plans for {County}: {Areas} risk areas, {Reports} arrival reports, {Active} active plans, {Placed} placements",
            countyCode, origins.Count, plans.Count, active.Count, placed);
        return true;
    }

    /// <summary>
    /// Adults with a household: <see cref="InFocusGrid"/> from the focus grid (or the first), one each from every 7th other
    /// grid, and in a small county the rest from anywhere in it, by ID number.
    /// </summary>
    private async Task<List<Resident>> PersonsAsync(CurrentUser me, string countyPath, string? focusGridCode, CancellationToken ct)
    {
        var today = clock.Today;
        var (oldest, youngest) = (today.AddYears(-65), today.AddYears(-18));
        var grids = await db.Jurisdictions.AsNoTracking()
            .Where(j => j.Level == JurisdictionLevel.Grid && j.IsActive && j.Path.StartsWith(countyPath))
            .OrderBy(j => j.Code)
            .Select(j => new { j.Id, j.Code })
            .ToListAsync(ct);
        var focus = grids.FirstOrDefault(g => g.Code == focusGridCode) ?? grids[0];
        var picks = new List<(Guid Grid, int Count)> { (focus.Id, InFocusGrid) };
        picks.AddRange(grids.Where(g => g.Id != focus.Id).Where((_, k) => k % 7 == 0).Select(g => (g.Id, 1)));
        var adults = db.Persons.AsNoTracking().InScopeOf(me)
            .Where(p => p.Household != null && p.IdNumber != null && p.Status == Households.PersonStatus.Active
                && p.BirthDate >= oldest && p.BirthDate <= youngest && p.Jurisdiction!.Path.StartsWith(countyPath))
            .OrderBy(p => p.IdNumber);
        static IQueryable<Resident> Rows(IQueryable<Households.Person> q) =>
            q.Select(p => new Resident(p.Name, p.IdType.ToString(), p.IdNumber!, p.Phone, p.Household!.Address, p.Jurisdiction!.Path));
        var result = new List<Resident>();
        foreach (var (grid, count) in picks)
        {
            result.AddRange(await Rows(adults.Where(p => p.JurisdictionId == grid).Take(count)).ToListAsync(ct));
            if (result.Count >= Reports)
            {
                break;
            }
        }

        if (result.Count < Reports)
        {
            var chosen = result.Select(r => r.IdNumber).ToList();
            result.AddRange(await Rows(adults.Where(p => !chosen.Contains(p.IdNumber!)).Take(Reports - result.Count)).ToListAsync(ct));
        }

        return [.. result.Take(Reports)];
    }

    private sealed record Resident(string Name, string IdType, string IdNumber, string? Phone, string? Address, string GridPath);
}

/// <summary>A returnee's origin in the demo: a division code, its name, and the level published for it.</summary>
public sealed record Origin(string Code, string Name, RiskLevel Level);
