using GridGuard.Platform;
using GridGuard.Platform.Auth;
using GridGuard.Platform.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Features.Households;

/// <summary>
/// POST /api/households/{id}/members: registers a newly found person (or a tenant) in a household. The identity
/// number is checked (DOMAIN.md §2) and gives the birth date and sex; a number already in the registry (same type)
/// is refused with a link to the existing person when that person is in scope, never duplicated.
/// </summary>
public static class AddMember
{
    /// <summary>The API body and the page's form.</summary>
    public sealed class Request
    {
        public string? Name { get; set; }

        /// <summary>ResidentIdCard (default), HkMoTwPermit, ForeignerPermanentResidence, Passport, Other.</summary>
        public string? IdType { get; set; }

        public string? IdNumber { get; set; }

        /// <summary>Only used when the number does not give it (other types, or no number yet).</summary>
        public DateOnly? BirthDate { get; set; }

        /// <summary>Male or Female; only used when the number does not give it.</summary>
        public string? Sex { get; set; }

        public string? Phone { get; set; }

        /// <summary>Registered, Permanent (default), Floating, Tenant.</summary>
        public string? Residency { get; set; }

        /// <summary>Recorded groups only (ChronicDisease, Pregnant, …); the age groups are derived.</summary>
        public List<string> VulnerableGroups { get; set; } = [];

        public string? Workplace { get; set; }

        /// <summary>与户主关系, e.g. 户主, 配偶, 子女, 租户. "户主" makes the person the head.</summary>
        public string? Relation { get; set; }
    }

    public sealed record Created(Guid Id);

    public static RouteGroupBuilder MapAddMember(this RouteGroupBuilder group)
    {
        group.MapPost("/{id:guid}/members", HandleAsync)
            .WithName("AddHouseholdMember")
            .WithSummary("为住户登记新成员或租户（校验证件号码，重复号码不重复登记）");
        return group;
    }

    public static async Task<Results<Created<Created>, NotFound, ProblemHttpResult>> HandleAsync(
        Guid id, Request request, AppDbContext db, CurrentUser me, CountyClock clock, CancellationToken ct)
    {
        var result = await ExecuteAsync(db, me, clock, id, request, ct);
        return result.Status switch
        {
            RegistryStatus.Ok => TypedResults.Created($"/api/persons/{result.Id}", new Created(result.Id!.Value)),
            RegistryStatus.NotFound => TypedResults.NotFound(),
            _ => result.ToProblem(),
        };
    }

    public static async Task<RegistryResult> ExecuteAsync(AppDbContext db, CurrentUser me, CountyClock clock,
        Guid householdId, Request request, CancellationToken ct)
    {
        var household = await db.Households.InScopeOf(me).Include(h => h.Jurisdiction)
            .FirstOrDefaultAsync(h => h.Id == householdId, ct);
        if (household is null)
        {
            return RegistryResult.NotFound();
        }

        if (!me.HoldsAt(household.Jurisdiction!.Path, RoleNames.RegistryEditors))
        {
            return RegistryResult.Forbidden("您的岗位无权为该户登记人员");
        }

        var today = clock.Today;
        var errors = new FieldErrors();
        var name = PersonInput.Name(request.Name, errors);
        var identity = PersonInput.Identity(request.IdType, request.IdNumber, request.BirthDate, request.Sex, today, errors);
        var phone = PersonInput.Phone(request.Phone, errors);
        var residency = PersonInput.ResidencyOf(request.Residency, errors);
        var groups = PersonInput.Groups(request.VulnerableGroups, errors);
        var workplace = PersonInput.Workplace(request.Workplace, errors);
        var relation = await RelationAsync(db, request.Relation, household, residency, errors, ct);
        if (errors.Any)
        {
            return RegistryResult.Invalid(errors);
        }

        if (identity.IdNumber is { } number
            && await DuplicateAsync(db, me, identity.IdType, number, ct) is { } duplicate)
        {
            return duplicate;
        }

        var now = clock.UtcNow;
        var person = new Person
        {
            Name = name,
            IdType = identity.IdType,
            IdNumber = identity.IdNumber,
            BirthDate = identity.BirthDate,
            Sex = identity.Sex,
            Phone = phone,
            Residency = residency,
            Workplace = workplace,
            Status = PersonStatus.Active,
            HouseholdId = household.Id,
            JurisdictionId = household.JurisdictionId,
            CreatedAt = now,
            UpdatedAt = now,
        };
        person.VulnerableGroups.AddRange(groups.Select(g => new PersonVulnerableGroup { PersonId = person.Id, Group = g }));
        db.Persons.Add(person);
        db.HouseholdMemberships.Add(new HouseholdMembership
        {
            PersonId = person.Id,
            HouseholdId = household.Id,
            Relation = relation,
            From = today,
        });
        if (relation == RegistryText.HeadRelation)
        {
            household.HeadId = person.Id;
            household.UpdatedAt = now;
        }

        await db.SaveChangesAsync(ct);
        return RegistryResult.Ok(person.Id);
    }

    /// <summary>
    /// 与户主关系: defaults to 户主 for the first person of a household without a head, 租户 for tenants, else 其他.
    /// A second head is refused.
    /// </summary>
    internal static async Task<string> RelationAsync(AppDbContext db, string? input, Household household,
        Residency residency, FieldErrors errors, CancellationToken ct)
    {
        var relation = input?.Trim();
        if (string.IsNullOrEmpty(relation))
        {
            relation = household.HeadId is null && !await db.Persons.AnyAsync(p => p.HouseholdId == household.Id, ct)
                ? RegistryText.HeadRelation
                : residency == Residency.Tenant ? "租户" : "其他";
        }

        if (relation.Length > 16)
        {
            errors.Add("Relation", "与户主关系：不能超过 16 个字符");
        }
        else if (relation == RegistryText.HeadRelation && household.HeadId is not null)
        {
            errors.Add("Relation", "与户主关系：该户已有户主，请选择其他关系");
        }

        return relation;
    }

    /// <summary>One person per (IdType, number): the refusal names and links the existing person only within scope.</summary>
    internal static async Task<RegistryResult?> DuplicateAsync(AppDbContext db, CurrentUser me, IdType type,
        string number, CancellationToken ct)
    {
        var existing = await db.Persons.AsNoTracking()
            .Where(p => p.IdType == type && p.IdNumber == number)
            .Select(p => new { p.Id, p.Name, p.Jurisdiction!.Path })
            .FirstOrDefaultAsync(ct);
        if (existing is null)
        {
            return null;
        }

        return me.Sees(existing.Path)
            ? RegistryResult.Duplicate($"证件号码：该号码已登记为“{existing.Name}”，请打开已登记的人员，不要重复登记", existing.Id)
            : RegistryResult.Duplicate("证件号码：该号码已在其他辖区登记，请联系上级核实，不要重复登记", null);
    }
}
