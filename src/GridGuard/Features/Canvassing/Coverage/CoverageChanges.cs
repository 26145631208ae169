using System.Data.Common;
using System.Text.Json;
using GridGuard.Platform.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace GridGuard.Features.Canvassing.Coverage;

/// <summary>
/// Raises <see cref="NodeCoverage.Changes"/> of the nodes a write touched, after the write has committed. The roll-up
/// reads <c>Changes</c> before it counts, so a bump after the commit can only make it count again, never keep a stale
/// figure (ADR 13). Nodes without a row yet need nothing: the roll-up creates their row as never computed.
/// </summary>
public static class CoverageChanges
{
    /// <summary>
    /// Raises the nodes <paramref name="nodes"/> and the nodes of the persons <paramref name="persons"/> (for rows that
    /// know only their person, e.g. a vulnerable group). Runs on <paramref name="connection"/> outside any transaction:
    /// the caller's has committed.
    /// </summary>
    public static async Task BumpAsync(DbConnection connection, IReadOnlyCollection<Guid> nodes, IReadOnlyCollection<Guid> persons,
        CancellationToken ct)
    {
        if (nodes.Count == 0 && persons.Count == 0)
        {
            return;
        }

        await using var command = connection.CreateCommand();
        switch (connection)
        {
            case NpgsqlConnection:
                command.CommandText = """
                    UPDATE "NodeCoverages" SET "Changes" = "Changes" + 1
                    WHERE "JurisdictionId" = ANY(@nodes)
                       OR "JurisdictionId" IN (SELECT "JurisdictionId" FROM "Persons" WHERE "Id" = ANY(@persons))
                    """;
                command.Parameters.Add(new NpgsqlParameter("nodes", nodes.ToArray()));
                command.Parameters.Add(new NpgsqlParameter("persons", persons.ToArray()));
                break;
            case SqliteConnection:
                // EF stores a Guid on SQLite as upper-case text.
                command.CommandText = """
                    UPDATE "NodeCoverages" SET "Changes" = "Changes" + 1
                    WHERE "JurisdictionId" IN (SELECT value FROM json_each($nodes))
                       OR "JurisdictionId" IN (SELECT "JurisdictionId" FROM "Persons" WHERE "Id" IN (SELECT value FROM json_each($persons)))
                    """;
                command.Parameters.Add(new SqliteParameter("$nodes", SqliteGuids(nodes)));
                command.Parameters.Add(new SqliteParameter("$persons", SqliteGuids(persons)));
                break;
            default:
                throw new NotSupportedException(connection.GetType().Name);
        }

        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// Marks every node as changed: for set-based writes (the household import, the demo population) after their
    /// commit. The next roll-up counts again once.
    /// </summary>
    public static Task BumpAllAsync(AppDbContext db, CancellationToken ct) =>
        db.NodeCoverages.ExecuteUpdateAsync(s => s.SetProperty(n => n.Changes, n => n.Changes + 1), ct);

    private static string SqliteGuids(IEnumerable<Guid> ids) =>
        JsonSerializer.Serialize(ids.Select(g => g.ToString().ToUpperInvariant()));
}
