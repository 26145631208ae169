using System.Data.Common;
using System.Runtime.CompilerServices;
using GridGuard.Features.Households;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace GridGuard.Features.Canvassing.Coverage;

/// <summary>
/// Notes which nodes a save touches (households, persons, vulnerable groups, key-person flags, visits: old and new node
/// of a moved row) and raises their <see cref="NodeCoverage.Changes"/> once the write has committed: at once after a
/// save without a transaction, or when the caller's transaction commits (ADR 13). Set-based writes call
/// <see cref="CoverageChanges"/> themselves.
/// </summary>
public sealed class CoverageInvalidator(ILogger<CoverageInvalidator> log) : SaveChangesInterceptor, IDbTransactionInterceptor
{
    private sealed class Touched
    {
        public HashSet<Guid> Nodes { get; } = [];

        public HashSet<Guid> Persons { get; } = [];

        public bool Any => Nodes.Count > 0 || Persons.Count > 0;
    }

    /// <summary>What a save is about to write (noted before it: the entry states are reset after).</summary>
    private readonly ConditionalWeakTable<DbContext, Touched> saving = new();

    /// <summary>What saves inside a transaction wrote, raised when it commits.</summary>
    private readonly ConditionalWeakTable<DbContext, Touched> pending = new();

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Note(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Note(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        SavedAsync(eventData.Context, CancellationToken.None).GetAwaiter().GetResult();
        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result,
        CancellationToken cancellationToken = default)
    {
        await SavedAsync(eventData.Context, cancellationToken);
        return result;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Forget(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) =>
        CommittedAsync(eventData.Context, CancellationToken.None).GetAwaiter().GetResult();

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData,
        CancellationToken cancellationToken = default) =>
        CommittedAsync(eventData.Context, cancellationToken);

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData)
    {
        if (eventData.Context is { } db)
        {
            pending.Remove(db);
        }
    }

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData,
        CancellationToken cancellationToken = default)
    {
        TransactionRolledBack(transaction, eventData);
        return Task.CompletedTask;
    }

    private void Note(DbContext? db)
    {
        if (db is null)
        {
            return;
        }

        var touched = new Touched();
        foreach (var e in db.ChangeTracker.Entries())
        {
            if (e.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted))
            {
                continue;
            }

            switch (e.Entity)
            {
                case Household or Person or KeyPersonFlag or HouseholdVisit:
                    var node = e.Property(nameof(Household.JurisdictionId));
                    touched.Nodes.Add((Guid)node.CurrentValue!);
                    if (e.State != EntityState.Added)
                    {
                        touched.Nodes.Add((Guid)node.OriginalValue!);
                    }

                    break;
                case PersonVulnerableGroup group:
                    touched.Persons.Add(group.PersonId);
                    break;
            }
        }

        if (touched.Any)
        {
            saving.AddOrUpdate(db, touched);
        }
        else
        {
            saving.Remove(db);
        }
    }

    private void Forget(DbContext? db)
    {
        if (db is not null)
        {
            saving.Remove(db);
        }
    }

    private async Task SavedAsync(DbContext? db, CancellationToken ct)
    {
        if (db is null || !saving.TryGetValue(db, out var touched))
        {
            return;
        }

        saving.Remove(db);
        if (db.Database.CurrentTransaction is not null)
        {
            var all = pending.GetValue(db, _ => new Touched());
            all.Nodes.UnionWith(touched.Nodes);
            all.Persons.UnionWith(touched.Persons);
            return;
        }

        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await CoverageChanges.BumpAsync(db.Database.GetDbConnection(), touched.Nodes, touched.Persons, ct);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    // The context's connection is still open here and out of the committed transaction (EF clears its own a moment
    // later), so the command runs without one.
    private async Task CommittedAsync(DbContext? db, CancellationToken ct)
    {
        if (db is null || !pending.TryGetValue(db, out var touched))
        {
            return;
        }

        pending.Remove(db);
        try
        {
            await CoverageChanges.BumpAsync(db.Database.GetDbConnection(), touched.Nodes, touched.Persons, ct);
        }
        catch (DbException e)
        {
            // The write has committed: failing its caller now would report a saved change as lost. The nodes' counts
            // stay as they were until their next change or the next day.
            log.LogError(e, "Coverage counts of {Nodes} nodes could not be marked changed", touched.Nodes.Count);
        }
    }
}
