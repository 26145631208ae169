using GridGuard.Platform.Data;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;

namespace GridGuard.Features.MassTesting.Collection;

/// <summary>
/// The round members a batch of scans sampled, written set-based (not one tracked entity per person): each member's
/// count goes up by the batch's samplings of them, their first sampling is kept or set, and their outcome is pending
/// again. PostgreSQL: one UPDATE joined to <c>unnest</c> of array parameters; SQLite: one prepared statement per member.
/// Runs in the context's current transaction.
/// </summary>
public static class MemberBumps
{
    /// <summary>One member's samplings in the batch: how many, and the sampling time of the first.</summary>
    public sealed record Bump(Guid PersonId, int Count, DateTime First);

    public static Task ApplyAsync(AppDbContext db, Guid roundId, IReadOnlyCollection<Bump> bumps, CancellationToken ct)
    {
        if (bumps.Count == 0)
        {
            return Task.CompletedTask;
        }

        var pending = PendingValue(db);
        return ProviderCommand.RunAsync(db, async (pg, tx) =>
        {
            await using var batch = new NpgsqlBatch(pg, tx) { BatchCommands = { PostgresUpdate(pending, roundId, bumps) } };
            await batch.ExecuteNonQueryAsync(ct);
        }, async (sqlite, tx) =>
        {
            await using var command = sqlite.CreateCommand();
            command.Transaction = tx;
            command.CommandText =
                """
                UPDATE "RoundMembers"
                SET "Samplings" = "Samplings" + $n, "FirstSampledAt" = COALESCE("FirstSampledAt", $first), "Outcome" = $pending
                WHERE "RoundId" = $round AND "PersonId" = $person
                """;
            command.Parameters.AddWithValue("$pending", pending);
            command.Parameters.AddWithValue("$round", BulkCopy.ForSqlite(roundId).Value);
            var person = command.Parameters.Add("$person", SqliteType.Text);
            var n = command.Parameters.Add("$n", SqliteType.Integer);
            var first = command.Parameters.Add("$first", SqliteType.Text);
            await ProviderCommand.ForEachRowAsync(command, bumps, b =>
            {
                person.Value = BulkCopy.ForSqlite(b.PersonId).Value;
                n.Value = b.Count;
                first.Value = BulkCopy.ForSqlite(b.First).Value;
            }, ct);
        }, ct);
    }

    /// <summary>PostgreSQL: the members' UPDATE as a command of a caller's <see cref="NpgsqlBatch"/>.</summary>
    public static NpgsqlBatchCommand PostgresUpdate(AppDbContext db, Guid roundId, IReadOnlyCollection<Bump> bumps) =>
        PostgresUpdate(PendingValue(db), roundId, bumps);

    private static NpgsqlBatchCommand PostgresUpdate(object pending, Guid roundId, IReadOnlyCollection<Bump> bumps) => new(
        """
        UPDATE "RoundMembers" AS m
        SET "Samplings" = m."Samplings" + s.n, "FirstSampledAt" = COALESCE(m."FirstSampledAt", s.first), "Outcome" = $1
        FROM unnest($3, $4, $5) AS s(person, n, first)
        WHERE m."RoundId" = $2 AND m."PersonId" = s.person
        """)
    {
        Parameters =
        {
            new NpgsqlParameter { Value = pending },
            new NpgsqlParameter { Value = roundId },
            new NpgsqlParameter { Value = bumps.Select(b => b.PersonId).ToArray() },
            new NpgsqlParameter { Value = bumps.Select(b => b.Count).ToArray() },
            new NpgsqlParameter
            {
                NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Timestamp,
                Value = bumps.Select(b => DateTime.SpecifyKind(b.First, DateTimeKind.Unspecified)).ToArray(),
            },
        },
    };

    /// <summary>The stored value of <see cref="SamplingOutcome.Pending"/> (enums are stored by name, ADR 8).</summary>
    private static object PendingValue(AppDbContext db)
    {
        var property = db.Model.FindEntityType(typeof(RoundMember))!.FindProperty(nameof(RoundMember.Outcome))!;
        return property.GetTypeMapping().Converter?.ConvertToProvider(SamplingOutcome.Pending) ?? SamplingOutcome.Pending;
    }
}
