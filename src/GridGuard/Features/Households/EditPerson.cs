using GridGuard.Platform;
using GridGuard.Platform.Auth;
using GridGuard.Platform.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Features.Households;

/// <summary>
/// PATCH /api/persons/{id}: changes name, phone, residency, recorded vulnerable groups, workplace or status. A field
/// left out (null) is unchanged; an empty phone or workplace clears it. Every change is audited by the interceptor,
/// group rows under the person's node.
/// </summary>
public static class EditPerson
{
    /// <summary>The API body (null = unchanged) and the page's form (all fields sent).</summary>
    public sealed class Request
    {
        public string? Name { get; set; }

        public string? Phone { get; set; }

        public string? Residency { get; set; }

        /// <summary>The full set of recorded groups; null leaves them as they are.</summary>
        public List<string>? VulnerableGroups { get; set; }

        public string? Workplace { get; set; }

        /// <summary>Active, MovedOut, Deceased.</summary>
        public string? Status { get; set; }
    }

    public static RouteGroupBuilder MapEditPerson(this RouteGroupBuilder group)
    {
        group.MapPatch("/{id:guid}", HandleAsync)
            .WithName("EditPerson")
            .WithSummary("修改人员信息（姓名、电话、居住类型、特殊群体、工作单位、状态）");
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
        var person = await db.Persons.InScopeOf(me)
            .Include(p => p.Jurisdiction)
            .Include(p => p.VulnerableGroups)
            .FirstOrDefaultAsync(p => p.Id == id, ct);
        if (person is null)
        {
            return RegistryResult.NotFound();
        }

        if (!me.HoldsAt(person.Jurisdiction!.Path, RoleNames.RegistryEditors))
        {
            return RegistryResult.Forbidden("您的岗位无权修改该人员");
        }

        var errors = new FieldErrors();
        var name = request.Name is null ? person.Name : PersonInput.Name(request.Name, errors);
        var phone = request.Phone is null ? person.Phone : PersonInput.Phone(request.Phone, errors);
        var residency = request.Residency is null ? person.Residency : PersonInput.ResidencyOf(request.Residency, errors);
        var groups = request.VulnerableGroups is null ? null : PersonInput.Groups(request.VulnerableGroups, errors);
        var workplace = request.Workplace is null ? person.Workplace : PersonInput.Workplace(request.Workplace, errors);
        var status = request.Status is null ? person.Status : PersonInput.StatusOf(request.Status, errors);
        if (errors.Any)
        {
            return RegistryResult.Invalid(errors);
        }

        person.Name = name;
        person.Phone = phone;
        person.Residency = residency;
        person.Workplace = workplace;
        person.Status = status;
        if (groups is not null)
        {
            person.VulnerableGroups.RemoveAll(g => !groups.Contains(g.Group));
            person.VulnerableGroups.AddRange(groups
                .Where(g => person.VulnerableGroups.All(x => x.Group != g))
                .Select(g => new PersonVulnerableGroup { PersonId = person.Id, Group = g }));
        }

        if (db.ChangeTracker.HasChanges())
        {
            person.UpdatedAt = clock.UtcNow;
            await db.SaveChangesAsync(ct);
        }

        return RegistryResult.Ok(person.Id);
    }
}
