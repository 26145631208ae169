using System.Globalization;
using GridGuard.Platform.Auth;
using GridGuard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static GridGuard.Tests.Features.Jurisdictions.Import.ImportApi;

namespace GridGuard.Tests.Features.Jurisdictions.Import;

/// <summary>
/// A write large next to the table makes the bulk writer drop the secondary indexes (and, on PostgreSQL, the parent
/// key) and rebuild them in the same transaction: afterwards they must all be back, exactly as the migration made them.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class LargeImportTests(AppFactory app)
{
    [Fact]
    public async Task Import_LargeFile_WritesEveryRowAndRebuildsTheIndexesAsTheyWere()
    {
        var tree = await TestTree.CreateAsync(app);
        var client = await app.ApiClientAsync(await TestUsers.CreateAsync(app, (Role.VillageOfficer, tree.Village1.Id)));
        var v = tree.Village1.Code;
        var lines = new List<string> { NodesHeader };
        for (var c = 101; c <= 121; c++)
        {
            var compound = v + c.ToString(CultureInfo.InvariantCulture);
            lines.Add($"{compound},第{c}小组,小组,{v},");
            lines.AddRange(Enumerable.Range(1, 999).Select(g => $"{compound}{g:000},网格{g},网格,{compound},"));
        }

        var before = await SchemaAsync();
        var report = await ImportOkAsync(client, "large.csv", Csv([.. lines]));
        var after = await SchemaAsync();

        Assert.Equal(21_000, report.Inserted);
        Assert.Equal(before, after);
        Assert.Contains(after, s => s.Contains("IX_Jurisdictions_Path", StringComparison.Ordinal));
        Assert.Equal(21_000, await app.WithDbAsync(db => db.Jurisdictions.CountAsync(j => j.Path.StartsWith(tree.Village1.Path + v + "1"))));
        var last = await app.WithDbAsync(db => db.Jurisdictions.AsNoTracking().Include(j => j.Parent).SingleAsync(j => j.Code == v + "121999"));
        Assert.Equal((v + "121", 4), (last.Parent!.Code, last.Depth));
    }

    /// <summary>The definitions of the table's indexes and constraints, as the database reports them.</summary>
    private Task<string[]> SchemaAsync() => app.WithDbAsync(async db =>
        (await (app.Database.IsPostgres
                ? db.Database.SqlQueryRaw<string>("""
                    SELECT indexdef AS "Value" FROM pg_indexes WHERE tablename = 'Jurisdictions'
                    UNION ALL SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = '"Jurisdictions"'::regclass
                    """)
                : db.Database.SqlQueryRaw<string>("""
                    SELECT sql AS "Value" FROM sqlite_master WHERE tbl_name = 'Jurisdictions' AND sql IS NOT NULL
                    """))
            .ToListAsync()).Order(StringComparer.Ordinal).ToArray());
}
