using GridGuard.Platform;
using GridGuard.Platform.Auth;
using GridGuard.Platform.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Features.Households;

/// <summary>
/// POST /api/persons/{id}/move: moves a person to another household. The current membership is closed with To =
/// today and a new one opens, so the history is kept; the person's household and node follow the new household.
/// Both households must be in the user's scope, where the user may edit the registry.
/// </summary>
public static class MovePerson
{
    public sealed class Request
    {
        public Guid? HouseholdId { get; set; }

        /// <summary>与户主关系 in the new household; "户主" makes the person its head.</summary>
        public string? Relation { get; set; }
    }

    public static RouteGroupBuilder MapMovePerson(this RouteGroupBuilder group)
    {
        group.MapPost("/{id:guid}/move", HandleAsync)
            .WithName("MovePerson")
            .WithSummary("人员迁至另一户（保留住户变动历史）");
        return group;
    }

    public static async Task<Results<Ok<GetPerson.Response>, NotFound, ProblemHttpResult>> HandleAsync(
        Guid id, Request request, AppDbContext db, CurrentUser me, CountyClock clock, CancellationToken ct)
    {
        var result = await ExecuteAsync(db, me, clock, id, request, ct);
        return result.Status switch
        {
            RegistryStatus.Ok => TypedResults.Ok((await GetPerson.LoadAsync(db, me, id, clock.Today, ct))!),
            RegistryStatus.NotFound => TypedResults.NotFound(),
            _ => result.ToProblem(),
        };
    }

    public static async Task<RegistryResult> ExecuteAsync(AppDbContext db, CurrentUser me, CountyClock clock,
        Guid id, Request request, CancellationToken ct)
    {
        var person = await db.Persons.InScopeOf(me).Include(p => p.Jurisdiction).FirstOrDefaultAsync(p => p.Id == id, ct);
        if (person is null)
        {
            return RegistryResult.NotFound();
        }

        if (!me.HoldsAt(person.Jurisdiction!.Path, RoleNames.RegistryEditors))
        {
            return RegistryResult.Forbidden("您的岗位无权迁移该人员");
        }

        if (request.HouseholdId is not { } targetId)
        {
            return RegistryResult.Invalid("HouseholdId", "目标户：请选择要迁入的住户");
        }

        var target = await db.Households.InScopeOf(me).Include(h => h.Jurisdiction)
            .FirstOrDefaultAsync(h => h.Id == targetId, ct);
        if (target is null)
        {
            return RegistryResult.Invalid("HouseholdId", "目标户：不存在或不在您的管辖范围内");
        }

        if (!me.HoldsAt(target.Jurisdiction!.Path, RoleNames.RegistryEditors))
        {
            return RegistryResult.Forbidden("您的岗位无权向该户迁入人员");
        }

        if (target.Id == person.HouseholdId)
        {
            return RegistryResult.Invalid("HouseholdId", "目标户：该人员已是此户成员");
        }

        var errors = new FieldErrors();
        var relation = await AddMember.RelationAsync(db, request.Relation, target, person.Residency, errors, ct);
        if (errors.Any)
        {
            return RegistryResult.Invalid(errors);
        }

        var today = clock.Today;
        var now = clock.UtcNow;
        var open = await db.HouseholdMemberships.Where(m => m.PersonId == person.Id && m.To == null).ToListAsync(ct);
        foreach (var m in open)
        {
            m.To = today;
        }

        if (person.HouseholdId is { } oldId)
        {
            var old = await db.Households.FirstOrDefaultAsync(h => h.Id == oldId, ct);
            if (old is not null && old.HeadId == person.Id)
            {
                old.HeadId = null;
                old.UpdatedAt = now;
            }
        }

        person.HouseholdId = target.Id;
        person.JurisdictionId = target.JurisdictionId;
        person.Jurisdiction = target.Jurisdiction;
        person.UpdatedAt = now;
        db.HouseholdMemberships.Add(new HouseholdMembership
        {
            PersonId = person.Id,
            HouseholdId = target.Id,
            Relation = relation,
            From = today,
        });
        if (relation == RegistryText.HeadRelation)
        {
            target.HeadId = person.Id;
            target.UpdatedAt = now;
        }

        await db.SaveChangesAsync(ct);
        return RegistryResult.Ok(person.Id);
    }
}
