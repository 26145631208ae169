using System.Globalization;
using GridGuard.Features.Canvassing;
using GridGuard.Features.Households;
using GridGuard.Features.Jurisdictions;
using GridGuard.Platform;
using GridGuard.Platform.Audit;
using GridGuard.Platform.Auth;
using GridGuard.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Features.Demo;

/// <summary>
/// Fills the demo county with about <see cref="Persons"/> synthetic residents (新平县 has about 280k), their stewards
/// (包户责任人, one per about 10 urban or 15 rural households), and a running canvass that has visited about half of
/// the households, with a few Fever flags. Written with <see cref="BulkCopy"/> in one transaction: ~20 s once, then the
/// database file is reused. Deterministic names, ID numbers and addresses (fixed seed).
/// </summary>
public sealed class DemoPopulation(AppDbContext db, AuditLog audit, TimeProvider time, CountyClock clock, ILogger<DemoPopulation> log)
{
    public const int Persons = 280_000;
    public const int Seed = 20_221_124;

    public async Task RunAsync(string countyCode, int persons = Persons, CancellationToken ct = default)
    {
        var county = await db.Jurisdictions.AsNoTracking().SingleAsync(j => j.Code == countyCode, ct);
        if (await db.Persons.AnyAsync(p => p.Jurisdiction!.Path.StartsWith(county.Path), ct))
        {
            return;
        }

        log.LogInformation("Seeding the demo population of {County}: about {Persons} residents. The first start takes a minute or two; later starts reuse the database file",
            countyCode, persons);
        var started = time.GetTimestamp();
        var now = time.GetUtcNow().UtcDateTime;
        var today = clock.Today;
        var grids = await GridSitesAsync(db, county.Path, ct);
        var population = new SyntheticPopulation(Seed, today, now);
        var shares = PersonsPerGrid(grids, persons);

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var canvass = new Canvass
        {
            Name = $"{today.Year}年冬春季地毯式排查",
            JurisdictionId = county.Id,
            StartsOn = today.AddDays(-10),
            EndsOn = today.AddDays(20),
            CreatedAt = now,
        };
        db.Canvasses.Add(canvass);
        await db.SaveChangesWithoutAuditAsync(ct);

        var batch = new DemoBatch();
        var random = new Random(Seed);
        for (var i = 0; i < grids.Count; i++)
        {
            var grid = grids[i];
            var households = population.For(grid, shares[i]).ToList();
            var stewards = Stewards(random, grid, households.Count, now, batch);
            for (var k = 0; k < households.Count; k++)
            {
                var h = households[k];
                h.Household.StewardId = stewards[k % stewards.Count].Id;
                batch.Add(h);
                if (random.Next(100) < 55)
                {
                    batch.Visit(random, canvass, h, stewards[k % stewards.Count].Id, today, now);
                }
            }

            if (batch.Persons.Count > 50_000 || i == grids.Count - 1)
            {
                await batch.FlushAsync(db, ct);
            }
        }

        // Heads point at persons and persons at households: the heads go in last, in one statement.
        await db.Database.ExecuteSqlRawAsync("""
            UPDATE "Households" SET "HeadId" = (
                SELECT m."PersonId" FROM "HouseholdMemberships" m WHERE m."HouseholdId" = "Households"."Id" AND m."Relation" = '户主')
            WHERE "HeadId" IS NULL AND "JurisdictionId" IN (SELECT "Id" FROM "Jurisdictions" WHERE "Path" LIKE {0})
            """, [county.Path + "%"], ct);
        audit.Bulk(nameof(Person), "DemoPopulation",
            new { persons = batch.PersonCount, households = batch.HouseholdCount, stewards = batch.StewardCount, visits = batch.VisitCount }, county.Id);
        await db.SaveChangesWithoutAuditAsync(ct);
        await transaction.CommitAsync(ct);
        if (db.Database.IsNpgsql())
        {
            // Statistics for the new rows now, not when autovacuum gets to them: until then the planner takes the tables
            // as empty and answers a search by phone or ID number with a scan (200 ms instead of 2 ms at 1,000,000).
            await db.Database.ExecuteSqlRawAsync(
                """ANALYZE "Persons", "Households", "HouseholdMemberships", "PersonVulnerableGroups", "HouseholdVisits", "VisitMembers" """, ct);
        }

        await Canvassing.Coverage.CoverageChanges.BumpAllAsync(db, ct);
        log.LogInformation("Demo population: {Persons} persons in {Households} households, {Stewards} stewards, {Visits} visits in {Seconds:0.0} s",
            batch.PersonCount, batch.HouseholdCount, batch.StewardCount, batch.VisitCount, time.GetElapsedTime(started).TotalSeconds);
    }

    /// <summary>How many of <paramref name="persons"/> live in each grid: 70–129 parts per grid, fixed by its code.</summary>
    public static int[] PersonsPerGrid(IReadOnlyList<GridSite> grids, int persons)
    {
        var weights = grids.Select(g => 70 + (int)((uint)SyntheticPopulation.StableHash(g.Code) % 60)).ToArray();
        var total = weights.Sum();
        return weights.Select(w => (int)((long)persons * w / total)).ToArray();
    }

    /// <summary>Every active grid of the county with the address text of its compound/group and building.</summary>
    public static async Task<List<GridSite>> GridSitesAsync(AppDbContext db, string countyPath, CancellationToken ct)
    {
        var nodes = await db.Jurisdictions.AsNoTracking()
            .Where(j => j.Path.StartsWith(countyPath) && j.IsActive)
            .Select(j => new { j.Id, j.Code, j.Name, j.Level, j.ParentId, j.Settlement })
            .ToListAsync(ct);
        var byId = nodes.ToDictionary(n => n.Id);
        var sites = new List<GridSite>();
        foreach (var grid in nodes.Where(n => n.Level == JurisdictionLevel.Grid).OrderBy(n => n.Code, StringComparer.Ordinal))
        {
            var prefix = "";
            var settlement = Settlement.Rural;
            for (var n = grid.ParentId is { } p && byId.TryGetValue(p, out var parent) ? parent : null;
                 n is not null;
                 n = n.ParentId is { } pp && byId.TryGetValue(pp, out var up) ? up : null)
            {
                if (n.Level == JurisdictionLevel.Village)
                {
                    settlement = n.Settlement ?? Settlement.Rural;
                    prefix = n.Name + prefix;
                    break;
                }

                prefix = n.Name + prefix;
            }

            sites.Add(new GridSite(grid.Id, grid.Code, settlement, prefix));
        }

        return sites;
    }

    private static List<AppUser> Stewards(Random random, GridSite grid, int households, DateTime now, DemoBatch batch)
    {
        var perSteward = grid.Settlement == Settlement.Urban ? 10 : 15;
        var count = Math.Max(1, (households + perSteward - 1) / perSteward);
        var stewards = new List<AppUser>(count);
        for (var i = 1; i <= count; i++)
        {
            var userName = $"s{grid.Code}-{i.ToString("00", CultureInfo.InvariantCulture)}";
            var user = new AppUser
            {
                UserName = userName,
                NormalizedUserName = userName.ToUpperInvariant(),
                DisplayName = DemoNames.Person(random),
                PhoneNumber = DemoNames.Phone(random),
                SecurityStamp = Guid.NewGuid().ToString("N"),
                ConcurrencyStamp = Guid.NewGuid().ToString(),
                LockoutEnabled = true,
                CreatedAt = now,
            };
            stewards.Add(user);
            batch.Steward(user, new RoleAssignment { UserId = user.Id, Role = Role.Steward, JurisdictionId = grid.Id, CreatedAt = now });
        }

        return stewards;
    }
}
