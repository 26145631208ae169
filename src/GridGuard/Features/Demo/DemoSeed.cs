using GridGuard.Features.Jurisdictions;
using GridGuard.Features.Jurisdictions.Import;
using GridGuard.Platform.Auth;
using GridGuard.Platform.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Features.Demo;

/// <summary>
/// The demo county 新平彝族傣族自治县 (530427): its real townships and villages from the shipped
/// china-division slice, a synthetic tree below, and one demo account per kind of user.
/// Then <see cref="DemoPopulation"/> fills it with residents, stewards and a running canvass, and
/// <see cref="DemoControl"/> adds risk areas, arrival reports, control plans, checks and a quarantine site;
/// <see cref="DemoMassTesting"/> an open mass-testing round with a site and the demo grid partly sampled.
/// Runs only in Development (Demo:Seed), once: a database that has the county is reused (and gets what it lacks).
/// </summary>
public sealed class DemoSeed(AppDbContext db, JurisdictionImporter importer, UserManager<AppUser> users,
    DemoPopulation population, DemoControl control, DemoMassTesting massTesting, IConfiguration config, TimeProvider time, ILogger<DemoSeed> log)
{
    public const string CountyCode = "530427";

    /// <summary>The shared password of the demo accounts. Development only; never seeded elsewhere.</summary>
    public const string Password = "Demo@530427";

    /// <summary>The grid of the demo grid worker, where most demo plans sit.</summary>
    public const string GridCode = "530427100201001001";

    public static readonly IReadOnlyList<DemoAccount> Accounts =
    [
        new("admin", "系统管理员", Role.Admin, CountyCode),
        new("county", "县指挥部 张主任", Role.CountyCommander, CountyCode),
        new("township", "扬武镇 李干部", Role.TownshipOfficer, "530427100"),
        new("village", "写莫村 王书记", Role.VillageOfficer, "530427100201"),
        new("community", "扬武社区 赵主任", Role.VillageOfficer, "530427100001"),
        new("grid", "写莫村 网格员 刘芳", Role.GridManager, GridCode),
    ];

    /// <summary>How many synthetic residents to seed (Demo:Persons; about 280k, as in the real county).</summary>
    private int Persons => config.GetValue("Demo:Persons", DemoPopulation.Persons);

    public async Task<bool> RunAsync(CancellationToken ct = default)
    {
        if (await db.Jurisdictions.AnyAsync(j => j.Code == CountyCode, ct))
        {
            // A database seeded before the registry existed gets its residents now; otherwise nothing happens.
            await population.RunAsync(CountyCode, Persons, ct);
            await ControlPlansAsync(ct);
            return false;
        }

        var dir = Path.Combine(AppContext.BaseDirectory, "data", "china-division-530427");
        foreach (var kind in DivisionCsv.DirectoryOrder)
        {
            using var reader = new StreamReader(Path.Combine(dir, DivisionCsv.FileName(kind)));
            var (_, rows, errors) = DivisionCsv.Read(reader, CountyCode);
            var report = errors.Count == 0 ? await importer.ImportAsync(DivisionCsv.FileName(kind), rows, ct) : null;
            if (report is not { Written: true })
            {
                throw new InvalidOperationException($"Demo division file {kind} did not import.");
            }
        }

        var villages = await db.Jurisdictions.AsNoTracking()
            .Where(j => j.Level == JurisdictionLevel.Village && j.Path.StartsWith("/" + CountyCode + "/"))
            .Select(j => new { j.Code, j.Name, j.Settlement })
            .ToListAsync(ct);
        var tree = DemoTree.For(villages.Select(v => (v.Code, v.Name, v.Settlement ?? Settlement.Rural)));
        var treeReport = await importer.ImportAsync("demo-tree", tree, ct);
        if (!treeReport.Written)
        {
            throw new InvalidOperationException("Demo tree did not import: " + treeReport.Errors[0].Message);
        }

        await SeedAccountsAsync(ct);
        await population.RunAsync(CountyCode, Persons, ct);
        await ControlPlansAsync(ct);
        log.LogInformation("Demo county {County} seeded: {Villages} villages, {Nodes} synthetic nodes",
            CountyCode, villages.Count, tree.Count);
        return true;
    }

    /// <summary>Issue 4's demo data, unless Demo:ControlPlans is false (the benchmarks make their own).</summary>
    private async Task ControlPlansAsync(CancellationToken ct)
    {
        if (config.GetValue("Demo:ControlPlans", true))
        {
            await control.RunAsync(CountyCode, "county", GridCode, ct: ct);
            await massTesting.RunAsync("530427100", GridCode, "township", ct);
        }
    }

    private async Task SeedAccountsAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        foreach (var a in Accounts)
        {
            var node = await db.Jurisdictions.SingleAsync(j => j.Code == a.JurisdictionCode, ct);
            var user = new AppUser { UserName = a.UserName, DisplayName = a.DisplayName, CreatedAt = now };
            var result = await users.CreateAsync(user, Password);
            if (!result.Succeeded)
            {
                throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
            }

            db.RoleAssignments.Add(new RoleAssignment
            {
                UserId = user.Id,
                Role = a.Role,
                JurisdictionId = node.Id,
                CreatedAt = now,
            });
            await db.SaveChangesAsync(ct);
        }
    }
}

public sealed record DemoAccount(string UserName, string DisplayName, Role Role, string JurisdictionCode);
