using GridGuard.Features.Households;
using GridGuard.Platform;
using GridGuard.Platform.Auth;
using GridGuard.Platform.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GridGuard.Features.Canvassing.Visits;

/// <summary>
/// POST /api/canvassing/visits: one whole household visit (入户排查). Every active member is recorded (在家/外出/迁出);
/// present ones with temperature, symptoms and travel; new persons are added to the registry (or linked by identity
/// number); 迁出 ends the membership and sets the person's status; a present person at ≥ 37.3 °C or with a symptom is
/// flagged Fever. Validated whole before anything is written; one SaveChanges writes it all, audited.
/// </summary>
public static class RecordVisit
{
    public static RouteGroupBuilder MapRecordVisit(this RouteGroupBuilder group)
    {
        group.MapPost("/visits", HandleAsync).WithName("RecordVisit")
            .WithSummary("记录入户排查：成员在家情况、体温、症状、旅居史，新发现人员，重点人员标记");
        return group;
    }

    public static async Task<Results<Created<VisitResult>, ValidationProblem, NotFound, ProblemHttpResult>> HandleAsync(
        VisitRequest request, AppDbContext db, CurrentUser me, CountyClock clock, IOptions<CanvassingOptions> options,
        CancellationToken ct)
    {
        var outcome = await ExecuteAsync(db, me, clock, options.Value, request, ct);
        return outcome.Kind switch
        {
            OutcomeKind.Ok => TypedResults.Created($"/households/{request.HouseholdId}/visit", outcome.Value),
            OutcomeKind.Invalid => TypedResults.ValidationProblem(outcome.Errors, title: "走访记录有误，未保存"),
            OutcomeKind.Forbidden => TypedResults.Problem(outcome.Message, statusCode: StatusCodes.Status403Forbidden, title: "无权操作"),
            _ => TypedResults.NotFound(),
        };
    }

    public static async Task<Outcome<VisitResult>> ExecuteAsync(AppDbContext db, CurrentUser me, CountyClock clock,
        CanvassingOptions options, VisitRequest request, CancellationToken ct)
    {
        var household = await db.Households.AsNoTracking().InScopeOf(me)
            .Where(h => h.Id == request.HouseholdId)
            .Select(h => new { h.Id, h.JurisdictionId, h.Jurisdiction!.Path })
            .FirstOrDefaultAsync(ct);
        if (household is null)
        {
            return Outcome<VisitResult>.NotFound();
        }

        if (!me.HoldsAt(household.Path, RoleNames.Visitors) || me.UserId is not { } visitorId)
        {
            return Outcome<VisitResult>.Forbidden("您没有记录入户排查的权限");
        }

        var today = clock.Today;
        var errors = new FieldErrors();
        var warnings = new List<string>();
        var visit = VisitRules.Parse(request, today, options.TravelHistoryDays, errors, warnings);
        var members = await db.Persons.AsNoTracking()
            .Where(p => p.HouseholdId == household.Id && p.Status == PersonStatus.Active)
            .ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        var numbers = visit.Entries.Where(e => e.Identity is { IdNumber.Length: > 0 }).Select(e => e.Identity!.IdNumber).Distinct().ToList();
        var known = numbers.Count == 0 ? [] : await db.Persons.AsNoTracking()
            .Where(p => numbers.Contains(p.IdNumber!))
            .Select(p => new KnownPerson(p.Id, p.Name, p.IdType, p.IdNumber!, p.HouseholdId, p.Status))
            .ToListAsync(ct);
        VisitRules.CrossCheck(visit, household.Id, members, known, errors, warnings);
        if (errors.Any)
        {
            return Outcome<VisitResult>.Invalid(errors.ToDictionary());
        }

        var now = clock.UtcNow;
        var canvass = await Canvasses.CurrentForAsync(db, household.Path, today, ct);
        var record = new HouseholdVisit
        {
            CanvassId = canvass?.Id,
            HouseholdId = household.Id,
            JurisdictionId = household.JurisdictionId,
            VisitorId = visitorId,
            VisitedAt = now,
            Note = visit.Note,
        };
        db.HouseholdVisits.Add(record);

        KnownPerson? KnownFor(ParsedEntry e) =>
            known.FirstOrDefault(k => k.IdType == e.Identity!.IdType && k.IdNumber == e.Identity.IdNumber);
        bool IsMember(KnownPerson? k) => k is not null && k.HouseholdId == household.Id && members.ContainsKey(k.Id);

        // Persons whose household or status changes are loaded tracked, so their audit lines (and those of their
        // memberships) are filed under their node.
        var changing = visit.Entries
            .Select(e => e.IsNew ? (KnownFor(e) is { } k && !IsMember(k) ? k.Id : (Guid?)null)
                : e.Presence == MemberPresence.MovedOut ? e.PersonId : null)
            .OfType<Guid>().ToList();
        var tracked = await db.Persons.Where(p => changing.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        var open = await db.HouseholdMemberships.Where(m => changing.Contains(m.PersonId) && m.To == null).ToListAsync(ct);

        var persons = new List<(ParsedEntry Entry, Guid Id, string Name)>();
        var added = new List<VisitNewPerson>();
        foreach (var e in visit.Entries)
        {
            Guid personId;
            string name;
            if (!e.IsNew)
            {
                personId = e.PersonId!.Value;
                name = members[personId];
                if (e.Presence == MemberPresence.MovedOut)
                {
                    var p = tracked[personId];
                    p.Status = PersonStatus.MovedOut;
                    p.HouseholdId = null;
                    p.UpdatedAt = now;
                    EndMemberships(open, personId, today);
                }
            }
            else if (KnownFor(e) is { } k)
            {
                personId = k.Id;
                name = k.Name;
                if (!IsMember(k))
                {
                    var p = tracked[k.Id];
                    EndMemberships(open, k.Id, today);
                    p.HouseholdId = household.Id;
                    p.JurisdictionId = household.JurisdictionId;
                    p.Status = PersonStatus.Active;
                    p.Phone ??= e.Identity!.Phone;
                    p.UpdatedAt = now;
                    db.HouseholdMemberships.Add(Membership(k.Id, household.Id, e.Identity!.Relation, today));
                }

                added.Add(new VisitNewPerson(k.Id, k.Name, Linked: true));
            }
            else
            {
                var id = e.Identity!;
                var p = new Person
                {
                    Name = id.Name,
                    IdType = id.IdType,
                    IdNumber = id.IdNumber,
                    BirthDate = id.BirthDate,
                    Sex = id.Sex,
                    Phone = id.Phone,
                    Residency = id.Residency,
                    Status = PersonStatus.Active,
                    HouseholdId = household.Id,
                    JurisdictionId = household.JurisdictionId,
                    CreatedAt = now,
                    UpdatedAt = now,
                };
                db.Persons.Add(p);
                db.HouseholdMemberships.Add(Membership(p.Id, household.Id, id.Relation, today));
                personId = p.Id;
                name = p.Name;
                added.Add(new VisitNewPerson(p.Id, p.Name, Linked: false));
            }

            persons.Add((e, personId, name));
            record.Members.Add(new VisitMember
            {
                PersonId = personId,
                Presence = e.Presence,
                AwayPlace = e.AwayPlace,
                Temperature = e.Temperature,
                Symptoms = string.Join(",", e.Symptoms),
                Travel = e.Travel.Select(t => new TravelStay { PlaceName = t.PlaceName, PlaceCode = t.PlaceCode, From = t.From, To = t.To }).ToList(),
            });
        }

        var flags = await RaiseFlagsAsync(db, persons, record, household.JurisdictionId, visitorId, now, warnings, ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException) when (numbers.Count > 0)
        {
            // Someone may have registered the same number between our check and our write: nothing was saved.
            var knownIds = known.Select(k => k.Id).ToList();
            if (!await db.Persons.AsNoTracking().AnyAsync(p => numbers.Contains(p.IdNumber!) && !knownIds.Contains(p.Id), ct))
            {
                throw;
            }

            return Outcome<VisitResult>.Invalid("newPersons", "新增人员 证件号码：该号码刚被他人登记，请刷新后重新提交");
        }

        return Outcome<VisitResult>.Ok(new VisitResult(record.Id, canvass?.Id, canvass?.Name, flags, added, warnings));
    }

    /// <summary>Fever for feverish present persons, plus the visitor's own flags; an open flag of the same category is not repeated.</summary>
    private static async Task<List<VisitFlag>> RaiseFlagsAsync(AppDbContext db, List<(ParsedEntry Entry, Guid Id, string Name)> persons,
        HouseholdVisit record, Guid jurisdictionId, Guid visitorId, DateTime now, List<string> warnings, CancellationToken ct)
    {
        var ids = persons.Select(p => p.Id).ToList();
        var existing = (await db.KeyPersonFlags.AsNoTracking()
                .Where(f => ids.Contains(f.PersonId) && f.Status != FlagStatus.Cleared)
                .Select(f => new { f.PersonId, f.Category })
                .ToListAsync(ct))
            .Select(f => (f.PersonId, f.Category)).ToHashSet();
        var result = new List<VisitFlag>();
        foreach (var (e, id, name) in persons)
        {
            var wanted = new List<(KeyPersonCategory Category, bool Automatic, ParsedFlag? Given)>();
            if (e.IsFeverish)
            {
                wanted.Add((KeyPersonCategory.Fever, true, e.Flag is { Category: KeyPersonCategory.Fever } f ? f : null));
            }

            if (e.Flag is { } given && !(e.IsFeverish && given.Category == KeyPersonCategory.Fever))
            {
                wanted.Add((given.Category, false, given));
            }

            foreach (var (category, automatic, given2) in wanted)
            {
                if (!existing.Add((id, category)))
                {
                    warnings.Add($"{e.Label}：已有待处置的“{category.Label()}”标记，未重复标记");
                    continue;
                }

                var flag = new KeyPersonFlag
                {
                    PersonId = id,
                    Category = category,
                    RiskLevel = given2?.RiskLevel,
                    JurisdictionId = jurisdictionId,
                    Source = FlagSource.Visit,
                    SourceId = record.Id,
                    Status = FlagStatus.Open,
                    Note = given2?.Note ?? (automatic ? AutomaticNote(e) : null),
                    FlaggedById = visitorId,
                    FlaggedAt = now,
                };
                db.KeyPersonFlags.Add(flag);
                result.Add(new VisitFlag(flag.Id, id, name, category.ToString(), category.Label(), automatic));
            }
        }

        return result;
    }

    private static string AutomaticNote(ParsedEntry e)
    {
        var parts = new List<string>();
        if (e.Temperature is { } t)
        {
            parts.Add(t.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + " °C");
        }

        parts.AddRange(e.Symptoms.Select(s => s.Label()));
        return "入户排查自动标记：" + string.Join("、", parts);
    }

    private static void EndMemberships(List<HouseholdMembership> open, Guid personId, DateOnly today)
    {
        foreach (var m in open.Where(m => m.PersonId == personId && m.To is null))
        {
            m.To = today < m.From ? m.From : today;
        }
    }

    private static HouseholdMembership Membership(Guid personId, Guid householdId, string? relation, DateOnly today) =>
        new() { PersonId = personId, HouseholdId = householdId, Relation = relation, From = today };
}
