using GridGuard.Platform.Data;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace GridGuard.Features.MassTesting;

/// <summary>
/// The one place that moves <see cref="RoundTally"/> counters. Callers change <see cref="RoundMember"/> rows and call this
/// in the same transaction, with the change per node.
/// </summary>
public static class Tallies
{
    public readonly record struct Delta(int Sampled, int Exempt, int SampledExempt)
    {
        public static Delta operator +(Delta a, Delta b) =>
            new(a.Sampled + b.Sampled, a.Exempt + b.Exempt, a.SampledExempt + b.SampledExempt);
    }

    /// <summary>A member sampled for the first time (exempt or not).</summary>
    public static Delta FirstSampling(bool exempt) => new(1, 0, exempt ? 1 : 0);

    /// <summary>An exemption recorded (+1) or lifted (-1) for a member who is or is not sampled yet.</summary>
    public static Delta Exemption(int sign, bool sampled) => new(0, sign, sampled ? sign : 0);

    /// <summary>Adds each node's delta to its tally row, set-based (PostgreSQL <c>unnest</c>; SQLite a prepared statement per node).</summary>
    public static Task ApplyAsync(AppDbContext db, Guid roundId, IEnumerable<KeyValuePair<Guid, Delta>> perNode,
        CancellationToken ct)
    {
        var rows = perNode.Where(p => p.Value != default).ToList();
        if (rows.Count == 0)
        {
            return Task.CompletedTask;
        }

        return ProviderCommand.RunAsync(db, async (pg, tx) =>
        {
            await using var batch = new NpgsqlBatch(pg, tx) { BatchCommands = { PostgresUpdate(roundId, rows)! } };
            await batch.ExecuteNonQueryAsync(ct);
        }, async (sqlite, tx) =>
        {
            await using var command = sqlite.CreateCommand();
            command.Transaction = tx;
            command.CommandText =
                """
                UPDATE "RoundTallies"
                SET "Sampled" = "Sampled" + $sampled, "Exempt" = "Exempt" + $exempt, "SampledExempt" = "SampledExempt" + $sampledExempt
                WHERE "RoundId" = $round AND "JurisdictionId" = $node
                """;
            command.Parameters.AddWithValue("$round", BulkCopy.ForSqlite(roundId).Value);
            var node = command.Parameters.Add("$node", SqliteType.Text);
            var sampled = command.Parameters.Add("$sampled", SqliteType.Integer);
            var exempt = command.Parameters.Add("$exempt", SqliteType.Integer);
            var sampledExempt = command.Parameters.Add("$sampledExempt", SqliteType.Integer);
            await ProviderCommand.ForEachRowAsync(command, rows, r =>
            {
                node.Value = BulkCopy.ForSqlite(r.Key).Value;
                sampled.Value = r.Value.Sampled;
                exempt.Value = r.Value.Exempt;
                sampledExempt.Value = r.Value.SampledExempt;
            }, ct);
        }, ct);
    }

    /// <summary>PostgreSQL: the tallies' UPDATE as a command of a caller's <see cref="NpgsqlBatch"/>; null when nothing moves.</summary>
    public static NpgsqlBatchCommand? PostgresUpdate(Guid roundId, IEnumerable<KeyValuePair<Guid, Delta>> perNode)
    {
        var rows = perNode.Where(p => p.Value != default).ToList();
        return rows.Count == 0 ? null : new NpgsqlBatchCommand(
            """
            UPDATE "RoundTallies" AS t
            SET "Sampled" = t."Sampled" + d.sampled, "Exempt" = t."Exempt" + d.exempt, "SampledExempt" = t."SampledExempt" + d.sampled_exempt
            FROM unnest($2, $3, $4, $5) AS d(node, sampled, exempt, sampled_exempt)
            WHERE t."RoundId" = $1 AND t."JurisdictionId" = d.node
            """)
        {
            Parameters =
            {
                new NpgsqlParameter { Value = roundId },
                new NpgsqlParameter { Value = rows.Select(r => r.Key).ToArray() },
                new NpgsqlParameter { Value = rows.Select(r => r.Value.Sampled).ToArray() },
                new NpgsqlParameter { Value = rows.Select(r => r.Value.Exempt).ToArray() },
                new NpgsqlParameter { Value = rows.Select(r => r.Value.SampledExempt).ToArray() },
            },
        };
    }

    public static Task ApplyAsync(AppDbContext db, Guid roundId, Guid node, Delta delta, CancellationToken ct) =>
        ApplyAsync(db, roundId, [new KeyValuePair<Guid, Delta>(node, delta)], ct);
}
