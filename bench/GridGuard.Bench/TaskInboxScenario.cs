using System.Diagnostics;
using System.Globalization;
using GridGuard.Features.Canvassing;
using GridGuard.Features.ControlPlans;
using GridGuard.Features.Households;
using GridGuard.Features.Jurisdictions;
using GridGuard.Features.Monitoring;
using GridGuard.Features.Monitoring.Tasks;
using GridGuard.Features.Policies;
using GridGuard.Platform;
using GridGuard.Platform.Auth;
using GridGuard.Platform.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace GridGuard.Bench;

/// <summary>
/// task-inbox: a village with N open tasks (default 5,000: SORMAS's task directory timed out above 3,000) spread over
/// 10 grids, next to a second village with as many, in a fresh migrated database. Measured: <see cref="ListTasks.LoadAsync"/>
/// for the village's grid leader (every task of the village), overdue view, one page of 50 at a random depth reached by
/// its keyset cursor, 200 times; metric p95 in ms (target &lt; 50 ms). Baseline, same run, same data: the same filtered
/// and ordered query paged by OFFSET with a total count, as list pages usually do. ratio = baseline p95 / p95.
/// </summary>
public static class TaskInboxScenario
{
    public const string Name = "task-inbox";
    private const int Runs = 200;
    private const int PageSize = 50;

    public static async Task<int> RunAsync(BenchOptions options)
    {
        var n = options.Size ?? 5_000;
        using var database = BenchDatabase.Create(options);
        Console.WriteLine($"database: {database.Provider} {database.Name ?? database.ConnectionString}; tasks per village: {n}");
        var app = BuildApp(database);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<AppDbContext>().Database.MigrateAsync();
        }

        var clock = app.Services.GetRequiredService<CountyClock>();
        var (village, seeded) = await SeedAsync(app, clock.UtcNow, n);
        Console.WriteLine($"seeded {seeded} tasks");
        var me = new CurrentUser();
        me.Set(Guid.CreateVersion7(), "bench", "bench", [new RoleGrant(Role.GridLeader, village.Id, village.Name, village.Path)]);

        var random = new Random(42);
        var cursors = new List<string?> { null };
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            string? after = null;
            do
            {
                var page = await ListTasks.LoadAsync(db, me, clock, new ListTasks.Filter(ListTasks.View.Overdue, null, null, after, 200), default);
                after = page.Next;
                if (after is not null)
                {
                    cursors.Add(after);
                }
            }
            while (after is not null);
        }

        Console.WriteLine($"pages of 200: {cursors.Count}");
        var ours = new List<double>();
        var baseline = new List<double>();
        for (var i = 0; i < Runs + 10; i++)
        {
            var k = random.Next(cursors.Count);
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var sw = Stopwatch.StartNew();
            var page = await ListTasks.LoadAsync(db, me, clock, new ListTasks.Filter(ListTasks.View.Overdue, null, null, cursors[k], PageSize), default);
            var t1 = sw.Elapsed.TotalMilliseconds;
            sw.Restart();
            var offset = await OffsetPageAsync(db, me, clock.UtcNow, k * 200);
            var t2 = sw.Elapsed.TotalMilliseconds;
            if (i >= 10)
            {
                ours.Add(t1);
                baseline.Add(t2);
            }

            if (page.Items.Count == 0 || offset == 0)
            {
                throw new InvalidOperationException("empty page");
            }
        }

        var p95 = P95(ours);
        var b95 = P95(baseline);
        await app.DisposeAsync();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"keyset p50={P(ours, 0.5):F1}ms; offset+count p50={P(baseline, 0.5):F1}ms"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"RESULT {Name} p95={p95:F1}ms baseline={b95:F1}ms ratio={b95 / p95:F2}"));
        return 0;
    }

    /// <summary>The baseline page: same visibility, filter and order, OFFSET paging with a total count.</summary>
    private static async Task<int> OffsetPageAsync(AppDbContext db, CurrentUser me, DateTime now, int skip)
    {
        var query = ListTasks.Visible(db.WorkTasks.AsNoTracking(), me).Where(t => t.Status == WorkTaskStatus.Open && t.DueAt < now);
        var total = await query.CountAsync();
        var rows = await query.OrderBy(t => t.Priority).ThenBy(t => t.DueAt).ThenBy(t => t.Id).Skip(skip).Take(PageSize)
            .Select(t => new { t.Id, t.Kind, PersonName = t.Person!.Name, JurisdictionName = t.Jurisdiction!.Name, t.DueAt })
            .ToListAsync();
        return total + rows.Count;
    }

    private static double P95(List<double> values) => P(values, 0.95);

    private static double P(List<double> values, double q)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(q * sorted.Count) - 1)];
    }

    private static async Task<(Jurisdiction Village, int Tasks)> SeedAsync(WebApplication app, DateTime now, int perVillage)
    {
        var nodes = new List<Jurisdiction>();
        Jurisdiction Add(string code, string name, JurisdictionLevel level, Jurisdiction? parent)
        {
            var node = new Jurisdiction
            {
                Code = code,
                Name = name,
                Level = level,
                ParentId = parent?.Id,
                Path = Jurisdiction.ChildPath(parent?.Path, code),
                Depth = parent is null ? 0 : parent.Depth + 1,
                CreatedAt = now,
                UpdatedAt = now,
            };
            nodes.Add(node);
            return node;
        }

        var county = Add("990001", "基准县", JurisdictionLevel.County, null);
        var township = Add("990001100", "基准镇", JurisdictionLevel.Township, county);
        var villages = new List<(Jurisdiction Village, List<Jurisdiction> Grids)>();
        for (var v = 0; v < 2; v++)
        {
            var village = Add($"990001100{200 + v}", $"基准村{v + 1}", JurisdictionLevel.Village, township);
            var compound = Add(village.Code + "001", "第一小组", JurisdictionLevel.Compound, village);
            var grids = Enumerable.Range(1, 10).Select(g => Add(compound.Code + g.ToString("000", CultureInfo.InvariantCulture), $"网格{g}",
                JurisdictionLevel.Grid, compound)).ToList();
            villages.Add((village, grids));
        }

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            db.Jurisdictions.AddRange(nodes);
            await db.SaveChangesAsync();
        }

        var random = new Random(7);
        var count = 0;
        foreach (var (_, grids) in villages)
        {
            for (var start = 0; start < perVillage; start += 1_000)
            {
                await using var scope = app.Services.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                db.ChangeTracker.AutoDetectChangesEnabled = false;
                for (var i = start; i < Math.Min(perVillage, start + 1_000); i++)
                {
                    var grid = grids[i % grids.Count];
                    var person = new Person { Name = $"对象{i}", Status = PersonStatus.Active, JurisdictionId = grid.Id, CreatedAt = now, UpdatedAt = now };
                    var plan = new ControlPlan
                    {
                        PersonId = person.Id,
                        JurisdictionId = grid.Id,
                        Source = PlanSource.Manual,
                        Category = KeyPersonCategory.Returnee,
                        RiskLevel = RiskLevel.Medium,
                        Anchor = DateOnly.FromDateTime(now).AddDays(-3),
                        RegisteredOn = DateOnly.FromDateTime(now).AddDays(-3),
                        Status = PlanStatus.Active,
                        CreatedAt = now,
                        UpdatedAt = now,
                    };
                    var kind = (WorkTaskKind)(i % 3);
                    db.Persons.Add(person);
                    db.ControlPlans.Add(plan);
                    db.WorkTasks.Add(new WorkTask
                    {
                        Kind = kind,
                        Priority = WorkTask.PriorityOf(kind),
                        Key = $"Bench:{plan.Id}",
                        JurisdictionId = grid.Id,
                        PersonId = person.Id,
                        ControlPlanId = plan.Id,
                        DueAt = now.AddMinutes(-random.Next(1, 60 * 48)),
                        Status = WorkTaskStatus.Open,
                        CreatedAt = now,
                    });
                    count++;
                }

                await db.SaveChangesAsync();
            }
        }

        return (villages[0].Village, count);
    }

    private static WebApplication BuildApp(BenchDatabase database)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = "Production",
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = database.Provider,
            ["ConnectionStrings:GridGuard"] = database.ConnectionString,
            ["DataProtection:KeyPath"] = Path.Combine(Path.GetTempPath(), "gridguard-bench-keys"),
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command"] = "None",
        });
        builder.AddPlatform();
        builder.AddPlatformData();
        builder.AddPlatformAuth();
        return builder.Build();
    }
}
