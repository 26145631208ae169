using GridGuard.Features.Households;
using GridGuard.Features.Jurisdictions;
using GridGuard.Features.MassTesting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace GridGuard.Platform.Data;

/// <summary>Production. Owns Migrations/Postgres.</summary>
public sealed class PostgresAppDbContext(DbContextOptions<PostgresAppDbContext> options) : AppDbContext(options)
{
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        // Subtree queries are `Path LIKE 'prefix%'`; PostgreSQL uses a btree for that only with pattern ops.
        builder.Entity<Jurisdiction>().HasIndex(j => j.Path).HasOperators("text_pattern_ops");
        // Names compare by code point, as on SQLite, whatever the database's default collation: a name prefix is then
        // one range of the (Name, Id) index (SearchPersons), and lists sort the same on both providers.
        builder.Entity<Person>().Property(p => p.Name).UseCollation("C");
        // A scan updates its member's count, first sampling and outcome, no indexed column: with room left on the page the
        // update stays on it (HOT) and writes no index entries. Each member is updated about once per round.
        builder.Entity<RoundMember>().HasStorageParameter("fillfactor", 50);
    }
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresAppDbContext>
{
    public PostgresAppDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresAppDbContext>().UseNpgsql("Host=localhost;Database=gridguard_design").Options);
}
