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
            await using var command = new NpgsqlCommand(
                """
                UPDATE "RoundMembers" AS m
                SET "Samplings" = m."Samplings" + s.n, "FirstSampledAt" = COALESCE(m."FirstSampledAt", s.first), "Outcome" = @pending
                FROM unnest(@persons, @counts, @firsts) AS s(person, n, first)
                WHERE m."RoundId" = @round AND m."PersonId" = s.person
                """, pg, tx);
            command.Parameters.AddWithValue("pending", pending);
            command.Parameters.AddWithValue("round", roundId);
            command.Parameters.AddWithValue("persons", bumps.Select(b => b.PersonId).ToArray());
            command.Parameters.AddWithValue("counts", bumps.Select(b => b.Count).ToArray());
            command.Parameters.Add(new NpgsqlParameter("firsts", NpgsqlDbType.Array | NpgsqlDbType.Timestamp)
            {
                Value = bumps.Select(b => DateTime.SpecifyKind(b.First, DateTimeKind.Unspecified)).ToArray(),
            });
            await command.ExecuteNonQueryAsync(ct);
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

    /// <summary>The stored value of <see cref="SamplingOutcome.Pending"/> (enums are stored by name, ADR 8).</summary>
    private static object PendingValue(AppDbContext db)
    {
        var property = db.Model.FindEntityType(typeof(RoundMember))!.FindProperty(nameof(RoundMember.Outcome))!;
        return property.GetTypeMapping().Converter?.ConvertToProvider(SamplingOutcome.Pending) ?? SamplingOutcome.Pending;
    }
}
