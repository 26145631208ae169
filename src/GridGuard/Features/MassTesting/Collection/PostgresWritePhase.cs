using GridGuard.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace GridGuard.Features.MassTesting.Collection;

/// <summary>
/// PostgreSQL: a small batch's writes — new tubes, the open tubes' new counts, audit lines, samplings, members, tallies —
/// as one <see cref="NpgsqlBatch"/>: one round trip, and one implicit transaction (any failing statement rolls back all
/// of them). Single scans from phones make batches of a few dozen scans; sent statement by statement, their six round
/// trips were half of the writer's time. Larger batches (64 rows or more of a kind, where COPY pays) and any other
/// tracked change take the general path.
/// </summary>
internal static class PostgresWritePhase
{
    private static readonly HashSet<string> TubeChanges = [nameof(Tube.Count), nameof(Tube.Status), nameof(Tube.ClosedAt)];

    /// <summary>Writes the batch and returns true, or returns false (nothing written) when it is not a small batch on PostgreSQL.</summary>
    public static async Task<bool> TryWriteAsync(AppDbContext db, SamplingBatch state, CancellationToken ct)
    {
        if (db.Database.GetDbConnection() is not NpgsqlConnection connection || db.Database.CurrentTransaction is not null
            || state.NewTubes.Count >= BulkCopy.CopyFrom || state.NewSamplings.Count >= BulkCopy.CopyFrom
            || state.AuditLines.Count >= BulkCopy.CopyFrom)
        {
            return false;
        }

        var changed = db.ChangeTracker.Entries().Where(e => e.State != EntityState.Unchanged).ToList();
        if (changed.Any(e => e.Entity is not Tube || e.State != EntityState.Modified
            || e.Properties.Any(p => p.IsModified && !TubeChanges.Contains(p.Metadata.Name))))
        {
            return false;
        }

        await using var batch = new NpgsqlBatch(connection);
        if (state.NewTubes.Count > 0)
        {
            batch.BatchCommands.Add(BulkCopy.PostgresInsert(db, state.NewTubes));
        }

        if (changed.Count > 0)
        {
            batch.BatchCommands.Add(TubeUpdate(db, changed.Select(e => (Tube)e.Entity).ToList()));
        }

        if (state.AuditLines.Count > 0)
        {
            batch.BatchCommands.Add(BulkCopy.PostgresInsert(db, state.AuditLines));
        }

        if (state.NewSamplings.Count > 0)
        {
            batch.BatchCommands.Add(BulkCopy.PostgresInsert(db, state.NewSamplings));
        }

        foreach (var (roundId, bumps) in state.Bumps.Where(b => b.Value.Count > 0))
        {
            batch.BatchCommands.Add(MemberBumps.PostgresUpdate(db, roundId, bumps.Values));
        }

        foreach (var (roundId, perNode) in state.TallyDeltas)
        {
            if (Tallies.PostgresUpdate(roundId, perNode) is { } tallies)
            {
                batch.BatchCommands.Add(tallies);
            }
        }

        if (batch.BatchCommands.Count > 0)
        {
            // The writer holds its connection open for the batch; any other caller may have let EF close it after the reads.
            await db.Database.OpenConnectionAsync(ct);
            await batch.ExecuteNonQueryAsync(ct);
        }

        db.ChangeTracker.AcceptAllChanges();
        return true;
    }

    private static NpgsqlBatchCommand TubeUpdate(AppDbContext db, List<Tube> tubes)
    {
        var status = db.Model.FindEntityType(typeof(Tube))!.FindProperty(nameof(Tube.Status))!.GetTypeMapping().Converter;
        return new NpgsqlBatchCommand(
            """
            UPDATE "Tubes" AS t SET "Count" = u.count, "Status" = u.status, "ClosedAt" = u.closed
            FROM unnest($1, $2, $3, $4) AS u(id, count, status, closed)
            WHERE t."Id" = u.id
            """)
        {
            Parameters =
            {
                new NpgsqlParameter { Value = tubes.Select(t => t.Id).ToArray() },
                new NpgsqlParameter { Value = tubes.Select(t => t.Count).ToArray() },
                new NpgsqlParameter
                {
                    NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text,
                    Value = tubes.Select(t => status?.ConvertToProvider(t.Status)?.ToString() ?? t.Status.ToString()).ToArray(),
                },
                new NpgsqlParameter
                {
                    NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz,
                    Value = tubes.Select(t => t.ClosedAt is { } c ? DateTime.SpecifyKind(c, DateTimeKind.Utc) : (DateTime?)null).ToArray(),
                },
            },
        };
    }
}
