using System.Buffers;
using System.Text;
using System.Text.Json;
using GridGuard.Platform.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace GridGuard.Features.MassTesting.Collection;

/// <summary>
/// The round members a batch of scans sampled, written in one statement per round (not one UPDATE per person): each
/// member's count goes up by the batch's samplings of them, their first sampling is kept or set, and their outcome is
/// pending again. PostgreSQL joins <c>unnest</c> of three array parameters; SQLite joins <c>json_each</c> of one JSON
/// parameter. Runs in the context's current transaction.
/// </summary>
public static class MemberBumps
{
    /// <summary>One member's samplings in the batch: how many, and the sampling time of the first.</summary>
    public sealed record Bump(Guid PersonId, int Count, DateTime First);

    public static async Task ApplyAsync(AppDbContext db, Guid roundId, IReadOnlyCollection<Bump> bumps, CancellationToken ct)
    {
        if (bumps.Count == 0)
        {
            return;
        }

        var pending = PendingValue(db);
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            switch (db.Database.GetDbConnection())
            {
                case NpgsqlConnection pg:
                    await using (var command = new NpgsqlCommand(
                        """
                        UPDATE "RoundMembers" AS m
                        SET "Samplings" = m."Samplings" + s.n, "FirstSampledAt" = COALESCE(m."FirstSampledAt", s.first), "Outcome" = @pending
                        FROM unnest(@persons, @counts, @firsts) AS s(person, n, first)
                        WHERE m."RoundId" = @round AND m."PersonId" = s.person
                        """, pg, (NpgsqlTransaction?)transaction))
                    {
                        command.Parameters.AddWithValue("pending", pending);
                        command.Parameters.AddWithValue("round", roundId);
                        command.Parameters.AddWithValue("persons", bumps.Select(b => b.PersonId).ToArray());
                        command.Parameters.AddWithValue("counts", bumps.Select(b => b.Count).ToArray());
                        command.Parameters.Add(new NpgsqlParameter("firsts", NpgsqlDbType.Array | NpgsqlDbType.Timestamp)
                        {
                            Value = bumps.Select(b => DateTime.SpecifyKind(b.First, DateTimeKind.Unspecified)).ToArray(),
                        });
                        await command.ExecuteNonQueryAsync(ct);
                    }

                    break;
                case SqliteConnection sqlite:
                    await using (var command = sqlite.CreateCommand())
                    {
                        command.Transaction = (SqliteTransaction?)transaction;
                        command.CommandText =
                            """
                            UPDATE "RoundMembers"
                            SET "Samplings" = "Samplings" + s.n, "FirstSampledAt" = COALESCE("FirstSampledAt", s.first), "Outcome" = $pending
                            FROM (SELECT value ->> '$.p' AS person, value ->> '$.n' AS n, value ->> '$.f' AS first FROM json_each($bumps)) AS s
                            WHERE "RoundMembers"."RoundId" = $round AND "RoundMembers"."PersonId" = s.person
                            """;
                        command.Parameters.AddWithValue("$pending", pending);
                        command.Parameters.AddWithValue("$round", BulkCopy.ForSqlite(roundId).Value);
                        command.Parameters.AddWithValue("$bumps", SqliteJson(bumps));
                        await command.ExecuteNonQueryAsync(ct);
                    }

                    break;
                case var other:
                    throw new NotSupportedException(other.GetType().Name);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>The stored value of <see cref="SamplingOutcome.Pending"/> (enums are stored by name, ADR 8).</summary>
    private static object PendingValue(AppDbContext db)
    {
        var property = db.Model.FindEntityType(typeof(RoundMember))!.FindProperty(nameof(RoundMember.Outcome))!;
        return property.GetTypeMapping().Converter?.ConvertToProvider(SamplingOutcome.Pending) ?? SamplingOutcome.Pending;
    }

    /// <summary>[{"p":"GUID","n":1,"f":"yyyy-MM-dd HH:mm:ss.FFFFFFF"}, …] in EF's SQLite text forms.</summary>
    private static string SqliteJson(IReadOnlyCollection<Bump> bumps)
    {
        var buffer = new ArrayBufferWriter<byte>(bumps.Count * 80);
        using var writer = new Utf8JsonWriter(buffer);
        writer.WriteStartArray();
        foreach (var b in bumps)
        {
            writer.WriteStartObject();
            writer.WriteString("p", (string)BulkCopy.ForSqlite(b.PersonId).Value);
            writer.WriteNumber("n", b.Count);
            writer.WriteString("f", (string)BulkCopy.ForSqlite(b.First).Value);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.Flush();
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
