using GridGuard.Platform;
using GridGuard.Platform.Auth;
using GridGuard.Platform.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Features.Households;

/// <summary>
/// GET /api/persons?q=&amp;jurisdictionId=&amp;after=&amp;limit=: persons in scope by name prefix (ordered by name), phone or
/// identity number (exact, normalised: a 15-digit number finds the 18-digit person; ordered by Id); without a query,
/// a chosen subtree's persons node by node, else all in Id order. Keyset paging: `after` is the last Id of the previous
/// page. ID numbers are masked.
/// </summary>
public static class SearchPersons
{
    public sealed record Item(Guid Id, string Name, string IdType, string? IdNumber, string? Sex, int? Age,
        string? Phone, Guid? HouseholdId, string? HouseholdAddress, Guid JurisdictionId, string JurisdictionName,
        string Status, string StatusLabel);

    public sealed record Response(IReadOnlyList<Item> Items, Guid? Next, string Mode);

    public sealed record Filter(string? Q, Guid? JurisdictionId, Guid? After, int? Limit);

    public static RouteGroupBuilder MapSearchPersons(this RouteGroupBuilder group)
    {
        group.MapGet("/", HandleAsync)
            .WithName("SearchPersons")
            .WithSummary("查找人员（姓名前缀按姓名排序，电话、证件号码按 Id；以上一页最后一条的 Id 翻页；证件号码脱敏）");
        return group;
    }

    public static async Task<Results<Ok<Response>, NotFound>> HandleAsync(string? q, Guid? jurisdictionId,
        Guid? after, int? limit, AppDbContext db, CurrentUser me, CountyClock clock, CancellationToken ct)
    {
        var result = await RunAsync(db, me, new Filter(q, jurisdictionId, after, limit), clock.Today, ct);
        return result is null ? TypedResults.NotFound() : TypedResults.Ok(result);
    }

    /// <summary>Shared with the page. Null when the node filter is unknown or outside the user's scope.</summary>
    public static async Task<Response?> RunAsync(AppDbContext db, CurrentUser me, Filter filter, DateOnly today,
        CancellationToken ct)
    {
        var persons = db.Persons.AsNoTracking().InScopeOf(me);
        var subtree = false;
        if (filter.JurisdictionId is { } nodeId)
        {
            var path = await db.Jurisdictions.AsNoTracking().InScopeOf(me)
                .Where(j => j.Id == nodeId).Select(j => j.Path).FirstOrDefaultAsync(ct);
            if (path is null)
            {
                return null;
            }

            if (me.ScopePaths.Count != 1 || me.ScopePaths[0] != path)
            {
                // By the indexed node id (IN the subtree's node ids), not by joining paths: the database then reads the
                // subtree's rows through (JurisdictionId, Id) instead of walking every row in Id order until a page
                // matches (1.3 s for a village's first page at 1,000,000 persons on SQLite; see docs/benchmarks.md).
                var nodes = db.Jurisdictions.Where(j => j.Path.StartsWith(path)).Select(j => j.Id);
                persons = persons.Where(p => nodes.Contains(p.JurisdictionId));
                subtree = true;
            }
        }

        var query = DirectoryQuery.Parse(filter.Q, today);
        var v = query.Value;
        IOrderedQueryable<Person> ordered;
        if (query.Kind == SearchKind.Text)
        {
            ordered = await ByNamePrefixAsync(persons, v, filter.After, ct);
        }
        else if (query.Kind == SearchKind.All && subtree)
        {
            ordered = await NodeOrder.ApplyAsync(persons, filter.After, ct);
        }
        else
        {
            persons = query.Kind switch
            {
                SearchKind.IdNumber => persons.Where(p => p.IdNumber == v),
                SearchKind.Phone => persons.Where(p => p.Phone == v),
                _ => persons,
            };
            if (filter.After is { } a)
            {
                persons = persons.Where(p => p.Id > a);
            }

            ordered = persons.OrderBy(p => p.Id);
        }

        var limit = DirectoryQuery.ClampLimit(filter.Limit);
        var rows = await ordered
            .Take(limit + 1)
            .Select(p => new
            {
                p.Id,
                p.Name,
                p.IdType,
                p.IdNumber,
                p.Sex,
                p.BirthDate,
                p.Phone,
                p.HouseholdId,
                Address = p.Household != null ? p.Household.Address : null,
                Unit = p.Household != null ? p.Household.Unit : null,
                Room = p.Household != null ? p.Household.Room : null,
                p.JurisdictionId,
                JurisdictionName = p.Jurisdiction!.Name,
                p.Status,
            })
            .ToListAsync(ct);

        var items = rows.Take(limit)
            .Select(r => new Item(r.Id, r.Name, r.IdType.ToString(), r.IdNumber is null ? null : IdNumbers.Mask(r.IdNumber),
                r.Sex?.ToString(), r.BirthDate is { } b ? VulnerableGroups.Age(b, today) : null, r.Phone, r.HouseholdId,
                r.HouseholdId is null ? null : RegistryText.Address(r.Address, r.Unit, r.Room),
                r.JurisdictionId, r.JurisdictionName, r.Status.ToString(), RegistryText.StatusLabel(r.Status)))
            .ToList();
        return new Response(items, rows.Count > limit ? items[^1].Id : null, query.Label);
    }

    /// <summary>
    /// Names in [prefix, prefix + U+10FFFF): a range the (Name, Id) index answers in order, so a page is read straight
    /// from the index however common the prefix (a surname matches tens of thousands at 1,000,000 persons). Names
    /// compare by code point on both providers (SQLite's BINARY; collation "C" on PostgreSQL, see
    /// PostgresAppDbContext), which is what makes the prefix one range. Keyset: after the (Name, Id) of the cursor.
    /// </summary>
    private static async Task<IOrderedQueryable<Person>> ByNamePrefixAsync(IQueryable<Person> persons, string prefix,
        Guid? after, CancellationToken ct)
    {
        var upper = prefix + char.ConvertFromUtf32(0x10FFFF);
#pragma warning disable CA1309 // string.Compare is translated to SQL's < and >, in the column's code-point collation.
        persons = persons.Where(p => string.Compare(p.Name, prefix) >= 0 && string.Compare(p.Name, upper) < 0 && p.Name.StartsWith(prefix));
        if (after is { } a)
        {
            // The cursor's name, read through the same scoped, filtered query: a cursor outside it starts from the top.
            var afterName = await persons.Where(p => p.Id == a).Select(p => p.Name).FirstOrDefaultAsync(ct);
            if (afterName is not null)
            {
                persons = persons.Where(p => string.Compare(p.Name, afterName) >= 0
                    && (string.Compare(p.Name, afterName) > 0 || p.Id > a));
            }
        }

#pragma warning restore CA1309
        return persons.OrderBy(p => p.Name).ThenBy(p => p.Id);
    }
}
