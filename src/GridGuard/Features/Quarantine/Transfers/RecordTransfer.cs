using GridGuard.Features.Households;
using GridGuard.Features.Quarantine.Sites;
using GridGuard.Platform;
using GridGuard.Platform.Auth;
using GridGuard.Platform.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Features.Quarantine.Transfers;

/// <summary>The API body and the page's form of a transfer. Times without an offset are county time.</summary>
public sealed class TransferForm
{
    public Guid? PersonId { get; set; }

    public string? FromAddress { get; set; }

    public Guid? FromSiteId { get; set; }

    public string? VehiclePlate { get; set; }

    public bool NegativePressure { get; set; }

    /// <summary>Crew names, separated by "、", commas or spaces.</summary>
    public string? Crew { get; set; }

    public DateTime? DepartedAt { get; set; }

    public DateTime? ArrivedAt { get; set; }
}

/// <summary>
/// POST /api/quarantine-sites/{id}/transfers: records a transfer (转运) of a person in the user's scope to this site: from
/// an address or another site, the vehicle (plate, negative-pressure or not), the crew, and the times. Audited under the
/// person's node.
/// </summary>
public static class RecordTransfer
{
    public static readonly TimeSpan FutureTolerance = TimeSpan.FromMinutes(10);

    public sealed record Recorded(Guid Id);

    public static RouteGroupBuilder MapRecordTransfer(this RouteGroupBuilder group)
    {
        group.MapPost("/{id:guid}/transfers", HandleAsync)
            .WithName("RecordTransfer")
            .WithSummary("登记转运（人员、出发地址或隔离点、车牌、是否负压车、随车人员、出发与到达时间）");
        return group;
    }

    public static async Task<Results<Created<Recorded>, NotFound, ProblemHttpResult>> HandleAsync(Guid id,
        TransferForm request, AppDbContext db, CurrentUser me, CountyClock clock, CancellationToken ct)
    {
        var result = await ExecuteAsync(db, me, clock, id, request, ct);
        return result.Status switch
        {
            RegistryStatus.Ok => TypedResults.Created($"/api/quarantine-sites/{id}/transfers", new Recorded(result.Id!.Value)),
            RegistryStatus.NotFound => TypedResults.NotFound(),
            _ => result.ToProblem(),
        };
    }

    public static async Task<RegistryResult> ExecuteAsync(AppDbContext db, CurrentUser me, CountyClock clock, Guid siteId,
        TransferForm form, CancellationToken ct)
    {
        var site = await db.QuarantineSites.AsNoTracking().InScopeOf(me).Include(s => s.Jurisdiction)
            .FirstOrDefaultAsync(s => s.Id == siteId, ct);
        if (site is null)
        {
            return RegistryResult.NotFound();
        }

        if (!me.HoldsAt(site.Jurisdiction!.Path, SiteRules.Managers))
        {
            return RegistryResult.Forbidden("您的岗位无权登记该隔离点的转运");
        }

        var errors = new FieldErrors();
        Person? person = null;
        if (form.PersonId is not { } personId)
        {
            errors.Add("PersonId", "人员：请选择人员");
        }
        else if ((person = await db.Persons.AsNoTracking().InScopeOf(me).FirstOrDefaultAsync(p => p.Id == personId, ct)) is null)
        {
            errors.Add("PersonId", "人员：不存在或不在您的管辖范围内");
        }

        var address = errors.Text(form.FromAddress, "FromAddress", "出发地址", Transfer.AddressMaxLength, required: false);
        if (form.FromSiteId is { } fromSite)
        {
            if (fromSite == siteId)
            {
                errors.Add("FromSiteId", "出发隔离点：不能与目的隔离点相同");
            }
            else if (!await db.QuarantineSites.AsNoTracking().InScopeOf(me).AnyAsync(s => s.Id == fromSite, ct))
            {
                errors.Add("FromSiteId", "出发隔离点：不存在或不在您的管辖范围内");
            }
        }
        else if (address is null && !errors.For("FromAddress").Any())
        {
            errors.Add("FromAddress", "出发地址：请填写出发地址，或选择出发隔离点");
        }

        var (plate, plateError) = SiteRules.NormalizePlate(form.VehiclePlate);
        if (plateError is not null)
        {
            errors.Add("VehiclePlate", plateError);
        }

        var crew = Crew(form.Crew, errors);
        var now = clock.UtcNow;
        var departed = Utc(form.DepartedAt, clock);
        var arrived = Utc(form.ArrivedAt, clock);
        if (departed is null)
        {
            errors.Add("DepartedAt", "出发时间：不能为空");
        }
        else if (departed > now + FutureTolerance)
        {
            errors.Add("DepartedAt", "出发时间：不能晚于现在");
        }

        if (arrived is { } a)
        {
            if (departed is { } d && a < d)
            {
                errors.Add("ArrivedAt", "到达时间：不能早于出发时间");
            }
            else if (a > now + FutureTolerance)
            {
                errors.Add("ArrivedAt", "到达时间：不能晚于现在");
            }
        }

        if (errors.Any)
        {
            return RegistryResult.Invalid(errors);
        }

        var transfer = new Transfer
        {
            PersonId = person!.Id,
            JurisdictionId = person.JurisdictionId,
            FromAddress = form.FromSiteId is null ? address : null,
            FromSiteId = form.FromSiteId,
            ToSiteId = siteId,
            VehiclePlate = plate!,
            NegativePressure = form.NegativePressure,
            Crew = crew!,
            DepartedAt = departed!.Value,
            ArrivedAt = arrived,
            RecordedById = me.UserId,
            CreatedAt = now,
        };
        db.Transfers.Add(transfer);
        await db.SaveChangesAsync(ct);
        return RegistryResult.Ok(transfer.Id);
    }

    /// <summary>A time as UTC: one with an offset or "Z" as given; one without is county time (the page's input).</summary>
    public static DateTime? Utc(DateTime? value, CountyClock clock) => value switch
    {
        null => null,
        { Kind: DateTimeKind.Utc } v => v,
        { Kind: DateTimeKind.Local } v => v.ToUniversalTime(),
        { } v => TimeZoneInfo.ConvertTimeToUtc(v, clock.Zone),
    };

    private static string? Crew(string? input, FieldErrors errors)
    {
        var names = (input ?? "").Split([',', '，', '、', ';', '；', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (names.Length == 0)
        {
            errors.Add("Crew", "随车人员：不能为空，至少填写一人（司机、医务人员等）");
            return null;
        }

        var text = string.Join("、", names);
        if (text.Length > Transfer.CrewMaxLength)
        {
            errors.Add("Crew", $"随车人员：不能超过 {Transfer.CrewMaxLength} 个字符");
            return null;
        }

        return text;
    }
}
