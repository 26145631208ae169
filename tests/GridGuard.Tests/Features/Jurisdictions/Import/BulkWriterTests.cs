using GridGuard.Features.Jurisdictions;
using GridGuard.Features.Jurisdictions.Import;
using GridGuard.Platform.Data;
using GridGuard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GridGuard.Tests.Features.Jurisdictions.Import;

/// <summary>
/// The provider's bulk writer (SQLite in the default lane, PostgreSQL in the PostgreSQL lane) stores exactly what EF
/// would: EF finds the rows by Guid and by timestamp and reads every column back unchanged.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class BulkWriterTests(AppFactory app)
{
    [Fact]
    public async Task BulkWriter_ForTheProvider_IsTheProvidersOwn()
    {
        var writer = app.Services.GetRequiredService<IJurisdictionBulkWriter>();

        Assert.IsType(app.Database.IsPostgres ? typeof(PostgresJurisdictionBulkWriter) : typeof(SqliteJurisdictionBulkWriter), writer);
    }

    [Theory]
    [InlineData(0)]           // a whole second: no fraction at all
    [InlineData(1234567)]     // every digit of the fraction (SQLite); PostgreSQL keeps microseconds
    public async Task BulkWriter_NewAndUpdatedRows_ReadBackThroughEf(long ticks)
    {
        var code = TestTree.NewCountyCode();
        var now = new DateTime(2026, 11, 24, 3, 4, 5, DateTimeKind.Utc).AddTicks(ticks);
        var county = new JurisdictionWrite(true, Guid.CreateVersion7(), code, "县甲", JurisdictionLevel.County, null, $"/{code}/", 0, null);
        var village = new JurisdictionWrite(true, Guid.CreateVersion7(), code + "100200", "丙村委会", JurisdictionLevel.Village,
            county.Id, $"/{code}/{code}100200/", 1, Settlement.Rural);

        await WriteAsync([county, village], now);
        var later = now.AddHours(2);
        await WriteAsync([village with { IsNew = false, Name = "丙村民委员会", Settlement = Settlement.Urban }], later);

        var expected = PostgresPrecision(now);
        var read = await app.WithDbAsync(db => db.Jurisdictions.AsNoTracking().SingleAsync(j => j.Id == village.Id));
        Assert.Equal((code + "100200", "丙村民委员会", JurisdictionLevel.Village, county.Id, $"/{code}/{code}100200/", 1),
            (read.Code, read.Name, read.Level, read.ParentId, read.Path, read.Depth));
        Assert.Equal((Settlement.Urban, true, (string?)null), (read.Settlement, read.IsActive, read.Boundary));
        Assert.Equal((expected, PostgresPrecision(later)), (read.CreatedAt, read.UpdatedAt));

        // EF's own parameters (Guid, DateTime, enum) must match the stored text exactly.
        Assert.Equal(village.Id, await app.WithDbAsync(db => db.Jurisdictions
            .Where(j => j.ParentId == county.Id && j.CreatedAt == expected && j.Level == JurisdictionLevel.Village)
            .Select(j => j.Id).SingleAsync()));
        var parent = await app.WithDbAsync(db => db.Jurisdictions.AsNoTracking().Include(j => j.Parent).SingleAsync(j => j.Id == village.Id));
        Assert.Equal(county.Id, parent.Parent!.Id);
        Assert.Null(parent.Parent.Settlement);
    }

    [Fact]
    public async Task BulkWriter_Rows_StoredLikeRowsThatEfWrites()
    {
        var code = TestTree.NewCountyCode();
        var now = new DateTime(2026, 11, 24, 3, 4, 5, DateTimeKind.Utc).AddTicks(1230000);
        var bulk = new JurisdictionWrite(true, Guid.CreateVersion7(), code, "县乙", JurisdictionLevel.County, null, $"/{code}/", 0,
            Settlement.Urban);
        await WriteAsync([bulk], now);
        var ef = new Jurisdiction
        {
            Code = code + "100",
            Name = "镇丙",
            Level = JurisdictionLevel.Township,
            ParentId = bulk.Id,
            Path = $"/{code}/{code}100/",
            Depth = 1,
            Settlement = Settlement.Urban,
            CreatedAt = now,
            UpdatedAt = now,
        };
        await app.WithDbAsync(async db =>
        {
            db.Jurisdictions.Add(ef);
            await db.SaveChangesAsync();
        });

        // Compare the stored values as text, column by column: the bulk row and the EF row must look alike.
        var sql = """
            SELECT "Id"{cast} AS "Id", "ParentId"{cast} AS "ParentId", "Settlement", "IsActive"{cast} AS "IsActive",
                   "CreatedAt"{cast} AS "CreatedAt", "UpdatedAt"{cast} AS "UpdatedAt", "Code"
            FROM "Jurisdictions" WHERE "Code" IN ({0}, {1})
            """.Replace("{cast}", app.Database.IsPostgres ? "::text" : "", StringComparison.Ordinal);
        var rows = await app.WithDbAsync(db => db.Database.SqlQueryRaw<StoredRow>(sql, code, code + "100").ToDictionaryAsync(r => r.Code));
        var (b, e) = (rows[code], rows[code + "100"]);
        Assert.Equal(e.CreatedAt, b.CreatedAt);
        Assert.Equal(e.UpdatedAt, b.UpdatedAt);
        Assert.Equal(e.IsActive, b.IsActive);
        Assert.Equal(e.Settlement, b.Settlement);
        Assert.Equal(e.ParentId, b.Id); // the EF row's reference to the bulk row is the bulk row's stored id, letter for letter
        Assert.Equal(Format(ef.Id), e.Id);
        Assert.Equal(Format(bulk.Id), b.Id);
    }

    private string Format(Guid id) => app.Database.IsPostgres ? id.ToString() : id.ToString().ToUpperInvariant();

    /// <summary>PostgreSQL timestamps keep microseconds; SQLite text keeps every tick.</summary>
    private DateTime PostgresPrecision(DateTime value) =>
        app.Database.IsPostgres ? new DateTime(value.Ticks - value.Ticks % 10, DateTimeKind.Utc) : value;

    private async Task WriteAsync(IReadOnlyList<JurisdictionWrite> rows, DateTime now)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await using var tx = await db.Database.BeginTransactionAsync();
        await scope.ServiceProvider.GetRequiredService<IJurisdictionBulkWriter>().UpsertAsync(db, rows, now, CancellationToken.None);
        await tx.CommitAsync();
    }

    private sealed record StoredRow(string Id, string? ParentId, string? Settlement, string IsActive, string CreatedAt,
        string UpdatedAt, string Code);
}
