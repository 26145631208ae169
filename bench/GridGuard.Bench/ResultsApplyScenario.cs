using System.Diagnostics;
using System.Globalization;
using System.Text;
using GridGuard.Features.Households;
using GridGuard.Features.Households.Import;
using GridGuard.Features.Jurisdictions;
using GridGuard.Features.MassTesting;
using GridGuard.Features.MassTesting.Results.Import;
using GridGuard.Features.Monitoring;
using GridGuard.Platform;
using GridGuard.Platform.Audit;
using GridGuard.Platform.Auth;
using GridGuard.Platform.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace GridGuard.Bench;

/// <summary>
/// results-apply: a lab's result file of N tubes (default 10,000) with 1 % pooled positives, in a fresh migrated
/// database. Two identical rounds are seeded: the negatives are 5-in-1 tubes, the positives 10-in-1 (about 50,500
/// persons, samplings and round members per round). Measured: the upload's code path — the csv read by
/// <see cref="ImportResults.RunAsync"/> and applied by <see cref="ResultImporter"/> (tubes, samplings, members, a retest
/// task per pooled-positive member, one audit line) — on the first round. Baseline, same run: a raw bulk UPDATE of the
/// same rows of the second round (tubes, samplings, members; three statements, no tasks). ratio = baseline / ours.
/// A small file of a third round is applied first, untimed, so that ours is a warm server's figure.
/// Target: ours under 5 s.
/// </summary>
public static class ResultsApplyScenario
{
    public const string Name = "results-apply";
    private const int NegativePool = 5;
    private const int PositivePool = 10;

    public static async Task<int> RunAsync(BenchOptions options)
    {
        var tubes = options.Size ?? 10_000;
        using var database = BenchDatabase.Create(options);
        Console.WriteLine($"database: {database.Provider} {database.Name ?? database.ConnectionString}; tubes: {tubes}");
        var app = BuildApp(database);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<AppDbContext>().Database.MigrateAsync();
        }

        var clock = app.Services.GetRequiredService<CountyClock>();
        var seedClock = Stopwatch.StartNew();
        var (county, userId, rounds) = await SeedAsync(app, clock.UtcNow, [tubes, tubes, WarmUpTubes]);
        Console.WriteLine($"seeded 2 rounds of {tubes} tubes (and a warm-up round) in {seedClock.Elapsed.TotalSeconds:F1} s");
        var me = new CurrentUser();
        me.Set(userId, "bench-lab", "检测机构", [new RoleGrant(Role.MedicalStaff, county.Id, county.Name, county.Path)]);

        // Warm-up (not timed): a small file of the third round, so that the figure is a warm server's, as in production.
        await ApplyAsync(app, clock, me, File(2, WarmUpTubes));
        var sw = Stopwatch.StartNew();
        var report = await ApplyAsync(app, clock, me, File(0, tubes));
        var ours = sw.Elapsed.TotalMilliseconds;
        var (retests, pooled) = await CheckAsync(app, rounds[0]);
        Console.WriteLine($"ours: {report.Created} tubes applied, {report.RejectedRows} rejected; {pooled} pooled-positive members, {retests} retest tasks");
        if (report.Created != tubes || retests != pooled || pooled != Positives(tubes) * PositivePool)
        {
            throw new InvalidOperationException("the upload did not apply every tube");
        }

        sw.Restart();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            await BaselineAsync(db, rounds[1], userId, clock.UtcNow);
        }

        var baseline = sw.Elapsed.TotalMilliseconds;
        await app.DisposeAsync();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"RESULT {Name} time={ours / 1000:F2}s baseline={baseline / 1000:F2}s ratio={baseline / ours:F2}"));
        return 0;
    }

    private const int WarmUpTubes = 200;

    private static byte[] File(int round, int tubes)
    {
        var csv = new StringBuilder("条码,结果\n");
        for (var i = 0; i < tubes; i++)
        {
            csv.Append(Barcode(round, i)).Append(',').Append(IsPositive(i) ? "阳性" : "阴性").Append('\n');
        }

        return Encoding.UTF8.GetBytes(csv.ToString());
    }

    /// <summary>The upload's code path: <see cref="ImportResults.RunAsync"/> (read the csv) and <see cref="ResultImporter"/>.</summary>
    private static async Task<ListImportReport> ApplyAsync(WebApplication app, CountyClock clock, CurrentUser me, byte[] bytes)
    {
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            using var loggers = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Information));
            var importer = new ResultImporter(db, new AuditLog(db, new HttpContextAccessor(), TimeProvider.System), clock, me,
                loggers.CreateLogger<ResultImporter>());
            await using var stream = new MemoryStream(bytes);
            var file = new FormFile(stream, 0, bytes.Length, "file", "results.csv") { Headers = new HeaderDictionary(), ContentType = "text/csv" };
            var outcome = await ImportResults.RunAsync(file, importer, me, new ImportOptions(), NullLogger.Instance, default);
            return outcome.Report ?? throw new InvalidOperationException(outcome.Refusal?.Message);
        }
    }

    private static bool IsPositive(int i) => i % 100 == 99;

    private static int Positives(int tubes) => tubes / 100;

    private static string Barcode(int round, int i) => string.Create(CultureInfo.InvariantCulture, $"B{round}-{i:D9}");

    private static async Task<(int Retests, int Pooled)> CheckAsync(WebApplication app, Guid roundId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return (await db.WorkTasks.CountAsync(t => t.RoundId == roundId && t.Kind == WorkTaskKind.Retest),
            await db.RoundMembers.CountAsync(m => m.RoundId == roundId && m.Outcome == SamplingOutcome.PooledPositive));
    }

    /// <summary>The same rows written by three raw set-based statements: tubes, their samplings, their members.</summary>
    private static async Task BaselineAsync(AppDbContext db, Guid roundId, Guid userId, DateTime now)
    {
        await using var tx = await db.Database.BeginTransactionAsync();
        await db.Database.ExecuteSqlAsync($"""
            UPDATE "Tubes" SET "Result" = CASE WHEN "PoolSize" = {PositivePool} THEN 'Positive' ELSE 'Negative' END,
                "ResultAt" = {now}, "ResultById" = {userId}
            WHERE "RoundId" = {roundId}
            """);
        await db.Database.ExecuteSqlAsync($"""
            UPDATE "Samplings" SET "Outcome" = CASE WHEN (SELECT t."PoolSize" FROM "Tubes" t WHERE t."Id" = "Samplings"."TubeId") = {PositivePool}
                THEN 'PooledPositive' ELSE 'Negative' END
            WHERE "RoundId" = {roundId}
            """);
        await db.Database.ExecuteSqlAsync($"""
            UPDATE "RoundMembers" SET "Outcome" = (SELECT s."Outcome" FROM "Samplings" s
                WHERE s."RoundId" = "RoundMembers"."RoundId" AND s."PersonId" = "RoundMembers"."PersonId" ORDER BY s."SampledAt" DESC LIMIT 1)
            WHERE "RoundId" = {roundId}
            """);
        await tx.CommitAsync();
    }

    private static async Task<(Jurisdiction County, Guid UserId, Guid[] Rounds)> SeedAsync(WebApplication app, DateTime now, int[] tubesPerRound)
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

        var county = Add("990002", "基准县", JurisdictionLevel.County, null);
        var township = Add("990002100", "基准镇", JurisdictionLevel.Township, county);
        var village = Add("990002100200", "基准村", JurisdictionLevel.Village, township);
        var compound = Add(village.Code + "001", "第一小组", JurisdictionLevel.Compound, village);
        var grids = Enumerable.Range(1, 10).Select(g => Add(compound.Code + g.ToString("000", CultureInfo.InvariantCulture), $"网格{g}",
            JurisdictionLevel.Grid, compound)).ToList();
        var user = new AppUser { UserName = "bench-lab", NormalizedUserName = "BENCH-LAB", DisplayName = "检测机构", CreatedAt = now };
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            db.Jurisdictions.AddRange(nodes);
            db.Users.Add(user);
            await db.SaveChangesAsync();
        }

        var rounds = new Guid[tubesPerRound.Length];
        for (var r = 0; r < rounds.Length; r++)
        {
            var tubes = tubesPerRound[r];
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var round = new MassTestingRound
            {
                Name = $"基准轮次{r + 1}",
                JurisdictionId = township.Id,
                StartsAt = now.AddHours(-6),
                EndsAt = now.AddHours(6),
                Status = RoundStatus.Open,
                OpenedById = user.Id,
                OpenedAt = now.AddHours(-6),
            };
            db.MassTestingRounds.Add(round);
            await db.SaveChangesAsync();
            rounds[r] = round.Id;
            var persons = new List<Person>();
            var members = new List<RoundMember>();
            var tubeRows = new List<Tube>();
            var samplings = new List<Sampling>();
            var sampledAt = now.AddHours(-3);
            for (var i = 0; i < tubes; i++)
            {
                var pool = IsPositive(i) ? PositivePool : NegativePool;
                var tube = new Tube
                {
                    Barcode = Barcode(r, i),
                    RoundId = round.Id,
                    JurisdictionId = village.Id,
                    PoolSize = pool,
                    Count = pool,
                    Status = TubeStatus.Closed,
                    OpenedById = user.Id,
                    OpenedAt = sampledAt,
                    ClosedAt = sampledAt,
                };
                tubeRows.Add(tube);
                for (var k = 0; k < pool; k++)
                {
                    var grid = grids[persons.Count % grids.Count];
                    var person = new Person { Name = $"居民{persons.Count}", Status = PersonStatus.Active, JurisdictionId = grid.Id, CreatedAt = now, UpdatedAt = now };
                    persons.Add(person);
                    members.Add(new RoundMember { RoundId = round.Id, PersonId = person.Id, JurisdictionId = grid.Id, FirstSampledAt = sampledAt, Samplings = 1 });
                    samplings.Add(new Sampling
                    {
                        ClientId = Guid.CreateVersion7(),
                        RoundId = round.Id,
                        TubeId = tube.Id,
                        PersonId = person.Id,
                        JurisdictionId = grid.Id,
                        SampledAt = sampledAt,
                        ReceivedAt = sampledAt,
                        SamplerId = user.Id,
                    });
                }
            }

            await BulkCopy.InsertAsync(db, persons);
            await BulkCopy.InsertAsync(db, members);
            await BulkCopy.InsertAsync(db, tubeRows);
            await BulkCopy.InsertAsync(db, samplings);
            // Bulk, not SaveChanges: the audit's EntityId (64) is shorter than a tally's composite key on PostgreSQL.
            await BulkCopy.InsertAsync(db, members.GroupBy(m => m.JurisdictionId).Select(g => new RoundTally
            {
                RoundId = round.Id,
                JurisdictionId = g.Key,
                Expected = g.Count(),
                Sampled = g.Count(),
            }).ToList());
        }

        return (county, user.Id, rounds);
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
