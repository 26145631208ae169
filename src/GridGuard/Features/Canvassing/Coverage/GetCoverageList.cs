using GridGuard.Features.Canvassing.Visits;
using GridGuard.Features.Households;
using GridGuard.Platform;
using GridGuard.Platform.Auth;
using GridGuard.Platform.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Features.Canvassing.Coverage;

/// <summary>
/// GET /api/canvassing/coverage/{jurisdictionId}/list?kind=&amp;category=&amp;group=&amp;page=: the records behind one number
/// of the coverage page, paged, with identity numbers masked. Kinds: unstewarded, noaddress, unvisited (households);
/// homeless, keypersons (optional category), group (a vulnerable group) (persons).
/// </summary>
public static class GetCoverageList
{
    public static readonly IReadOnlyList<string> Kinds = ["unstewarded", "noaddress", "unvisited", "homeless", "keypersons", "group"];

    public sealed record HouseholdRow(Guid Id, string Address, Guid GridId, string GridName, string? HeadName, string? StewardName, int Members);

    public sealed record PersonRow(Guid Id, string Name, string IdNumberMasked, string? Sex, int? Age, string? Phone,
        Guid JurisdictionId, string GridName, Guid? HouseholdId, string? Address, string? Detail);

    public sealed record Response(Guid JurisdictionId, string JurisdictionName, string Kind, string Title,
        Paged<HouseholdRow>? Households, Paged<PersonRow>? Persons);

    public static RouteGroupBuilder MapGetCoverageList(this RouteGroupBuilder group)
    {
        group.MapGet("/coverage/{jurisdictionId:guid}/list", HandleAsync).WithName("GetCoverageList")
            .WithSummary("覆盖情况明细：某项数字背后的户或人员名单（分页，证件号码脱敏）");
        return group;
    }

    public static async Task<Results<Ok<Response>, ValidationProblem, NotFound>> HandleAsync(Guid jurisdictionId, string? kind,
        string? category, string? group, int? page, int? pageSize, AppDbContext db, CurrentUser me, CountyClock clock,
        CancellationToken ct)
    {
        var outcome = await LoadAsync(db, me, clock.Today, jurisdictionId, kind, category, group, page, pageSize, ct);
        return outcome.Kind switch
        {
            OutcomeKind.Ok => TypedResults.Ok(outcome.Value!),
            OutcomeKind.Invalid => TypedResults.ValidationProblem(outcome.Errors, title: "参数错误"),
            _ => TypedResults.NotFound(),
        };
    }

    /// <summary>Shared with the list page.</summary>
    public static async Task<Outcome<Response>> LoadAsync(AppDbContext db, CurrentUser me, DateOnly today, Guid jurisdictionId,
        string? kind, string? category, string? group, int? page, int? pageSize, CancellationToken ct)
    {
        var node = await db.Jurisdictions.AsNoTracking().InScopeOf(me)
            .Where(j => j.Id == jurisdictionId)
            .Select(j => new { j.Id, j.Name, j.Path })
            .FirstOrDefaultAsync(ct);
        if (node is null)
        {
            return Outcome<Response>.NotFound();
        }

        var k = kind?.Trim().ToLowerInvariant() ?? "";
        KeyPersonCategory? cat = null;
        VulnerableGroup grp = default;
        var errors = new FieldErrors();
        if (!Kinds.Contains(k))
        {
            errors.Add("kind", $"名单类型：“{kind}”无效，应为 {string.Join("、", Kinds)} 之一");
        }
        else if (k == "keypersons" && !string.IsNullOrWhiteSpace(category))
        {
            if (Fields.TryParse(category, CanvassingLabels.Label, out KeyPersonCategory c))
            {
                cat = c;
            }
            else
            {
                errors.Add("category", $"类别：“{category}”无效，应为 {CanvassingLabels.Names<KeyPersonCategory>()} 之一");
            }
        }
        else if (k == "group" && !Fields.TryParse(group, VulnerableGroups.Label, out grp))
        {
            errors.Add("group", $"特殊群体：“{group}”无效，应为 {CanvassingLabels.Names<VulnerableGroup>()} 之一");
        }

        if (errors.Any)
        {
            return Outcome<Response>.Invalid(errors.ToDictionary());
        }

        var (p, size) = Paging.Normalize(page, pageSize);
        var prefix = node.Path;
        var nodes = CoverageRollup.NodesUnder(db, prefix);
        var households = db.Households.AsNoTracking().InScopeOf(me).Where(h => nodes.Contains(h.JurisdictionId));
        var persons = db.Persons.AsNoTracking().InScopeOf(me)
            .Where(x => x.Status == PersonStatus.Active && nodes.Contains(x.JurisdictionId));
        switch (k)
        {
            case "unstewarded":
                return await Households("无包户责任人的户", households.Where(h => h.StewardId == null));
            case "noaddress":
                return await Households("无地址的户", households.Where(h => h.Address == null || h.Address == ""));
            case "unvisited":
                var active = await Canvasses.ActiveAroundAsync(db, prefix, today, ct);
                var unvisited = CoverageRollup.UnvisitedParts(db, db.Households.AsNoTracking().InScopeOf(me), prefix, active)
                    .Aggregate((IQueryable<Household>?)null, (all, part) => all is null ? part : all.Concat(part));
                return await Households("本轮排查未走访的户", unvisited ?? households.Where(_ => false));
            case "homeless":
                return await Persons("无户人员", persons.Where(x => x.HouseholdId == null));
            case "keypersons":
                var flagged = db.KeyPersonFlags.Where(f => f.Status != FlagStatus.Cleared && nodes.Contains(f.JurisdictionId)
                    && (cat == null || f.Category == cat));
                var keyPersons = db.Persons.AsNoTracking().InScopeOf(me).Where(x => flagged.Any(f => f.PersonId == x.Id));
                return await Persons(cat is { } c2 ? $"重点人员：{c2.Label()}" : "重点人员", keyPersons);
            default:
                return await Persons($"特殊群体：{grp.Label()}", InGroup(persons, grp, today));
        }

        async Task<Outcome<Response>> Households(string title, IQueryable<Household> query) =>
            Outcome<Response>.Ok(new Response(node.Id, node.Name, k, title, await HouseholdPage(db, query, p, size, ct), null));

        async Task<Outcome<Response>> Persons(string title, IQueryable<Person> query) =>
            Outcome<Response>.Ok(new Response(node.Id, node.Name, k, title, null, await PersonPage(db, query, prefix, today, p, size, ct)));
    }

    private static IQueryable<Person> InGroup(IQueryable<Person> persons, VulnerableGroup group, DateOnly today)
    {
        switch (group)
        {
            case VulnerableGroup.Elderly80:
            case VulnerableGroup.Elderly60:
                var cutoff = AgeCutoffs.BornOnOrBefore(group == VulnerableGroup.Elderly80 ? 80 : 60, today);
                return persons.Where(x => x.BirthDate <= cutoff);
            case VulnerableGroup.Infant:
            case VulnerableGroup.Child14:
                var after = AgeCutoffs.BornOnOrBefore(group == VulnerableGroup.Infant ? 3 : 15, today);
                return persons.Where(x => x.BirthDate > after);
            default:
                return persons.Where(x => x.VulnerableGroups.Any(g => g.Group == group));
        }
    }

    private static async Task<Paged<HouseholdRow>> HouseholdPage(AppDbContext db, IQueryable<Household> query, int page, int size, CancellationToken ct)
    {
        var total = await query.CountAsync(ct);
        var rows = await query
            .OrderBy(h => h.JurisdictionId).ThenBy(h => h.Id)
            .Skip((page - 1) * size).Take(size)
            .Select(h => new
            {
                h.Id,
                h.Address,
                h.Unit,
                h.Room,
                h.JurisdictionId,
                GridName = h.Jurisdiction!.Name,
                HeadName = h.Head == null ? null : h.Head.Name,
                StewardName = h.Steward == null ? null : h.Steward.DisplayName,
                Members = db.Persons.Count(x => x.HouseholdId == h.Id && x.Status == PersonStatus.Active),
            })
            .ToListAsync(ct);
        return new Paged<HouseholdRow>(rows.Select(h => new HouseholdRow(h.Id, GetVisitForm.AddressText(h.Address, h.Unit, h.Room),
            h.JurisdictionId, h.GridName, h.HeadName, h.StewardName, h.Members)).ToList(), total, page, size);
    }

    private static async Task<Paged<PersonRow>> PersonPage(AppDbContext db, IQueryable<Person> query, string prefix, DateOnly today,
        int page, int size, CancellationToken ct)
    {
        var total = await query.CountAsync(ct);
        var rows = await query
            .OrderBy(x => x.JurisdictionId).ThenBy(x => x.Id)
            .Skip((page - 1) * size).Take(size)
            .Select(x => new
            {
                x.Id,
                x.Name,
                x.IdNumber,
                x.Sex,
                x.BirthDate,
                x.Phone,
                x.JurisdictionId,
                GridName = x.Jurisdiction!.Name,
                x.HouseholdId,
                Address = x.Household == null ? null : x.Household.Address,
                Unit = x.Household == null ? null : x.Household.Unit,
                Room = x.Household == null ? null : x.Household.Room,
            })
            .ToListAsync(ct);
        var ids = rows.Select(r => r.Id).ToList();
        var flags = (await db.KeyPersonFlags.AsNoTracking()
                .Where(f => ids.Contains(f.PersonId) && f.Status != FlagStatus.Cleared && CoverageRollup.NodesUnder(db, prefix).Contains(f.JurisdictionId))
                .Select(f => new { f.PersonId, f.Category })
                .ToListAsync(ct))
            .ToLookup(f => f.PersonId, f => f.Category.Label());
        return new Paged<PersonRow>(rows.Select(r => new PersonRow(r.Id, r.Name, IdNumbers.Mask(r.IdNumber), r.Sex?.Label(),
            r.BirthDate is { } b ? VulnerableGroups.Age(b, today) : null, r.Phone, r.JurisdictionId, r.GridName, r.HouseholdId,
            r.HouseholdId is null ? null : GetVisitForm.AddressText(r.Address, r.Unit, r.Room),
            flags[r.Id].Any() ? string.Join("、", flags[r.Id].Distinct()) : null)).ToList(), total, page, size);
    }
}
