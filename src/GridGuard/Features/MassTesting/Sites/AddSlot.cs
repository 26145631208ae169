using GridGuard.Features.Households;
using GridGuard.Features.Jurisdictions;
using GridGuard.Platform;
using GridGuard.Platform.Auth;
using GridGuard.Platform.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Features.MassTesting.Sites;

/// <summary>The API body and the page's form of one timetable line. Times are county-local ("2022-11-25T08:00").</summary>
public sealed class SlotForm
{
    public Guid? GridId { get; set; }

    public DateTime? StartsAt { get; set; }

    public DateTime? EndsAt { get; set; }
}

/// <summary>
/// POST /api/testing-rounds/{roundId}/sites/{siteId}/slots: calls a grid to the site in a time slot (按网格分片组织).
/// The grid is an active grid node inside the round's subtree; the slot lies inside the round's window and on one day
/// inside the site's opening hours. <b>Overlaps are refused, not warned:</b> a grid already called somewhere in the
/// same round (at this site or another) at an overlapping time gets a field error on StartsAt, because residents would
/// get two places to be at once and the calling plan of the grid could not be followed. Slots touching end to start do
/// not overlap. Several grids may share a time at one site (the site's lanes serve them).
/// </summary>
public static class AddSlot
{
    public sealed record Added(Guid Id);

    public static RouteGroupBuilder MapAddSlot(this RouteGroupBuilder group)
    {
        group.MapPost("/{roundId:guid}/sites/{siteId:guid}/slots", HandleAsync)
            .WithName("AddSamplingSlot")
            .WithSummary("时间表新增时段：通知某网格在某时段到本采样点采样（本县时间；同一网格时段不得重叠）");
        return group;
    }

    public static async Task<Results<Created<Added>, NotFound, ProblemHttpResult>> HandleAsync(Guid roundId, Guid siteId,
        SlotForm request, AppDbContext db, CurrentUser me, CountyClock clock, CancellationToken ct)
    {
        var result = await ExecuteAsync(db, me, clock, roundId, siteId, request, ct);
        return result.Status switch
        {
            RegistryStatus.Ok => TypedResults.Created($"/api/testing-rounds/{roundId}/sites/{siteId}", new Added(result.Id!.Value)),
            RegistryStatus.NotFound => TypedResults.NotFound(),
            _ => result.ToProblem(),
        };
    }

    public static async Task<RegistryResult> ExecuteAsync(AppDbContext db, CurrentUser me, CountyClock clock, Guid roundId,
        Guid siteId, SlotForm form, CancellationToken ct)
    {
        var round = await SiteInput.RoundAsync(db, me, roundId, ct);
        var site = round is null
            ? null
            : await db.SamplingSites.AsNoTracking().Where(s => s.Id == siteId && s.RoundId == roundId)
                .Select(s => new { s.Id, s.Opens, s.Closes }).FirstOrDefaultAsync(ct);
        if (round is null || site is null)
        {
            return RegistryResult.NotFound();
        }

        if (!SiteInput.CanOrganise(me, round))
        {
            return RegistryResult.Forbidden(SiteInput.ForbiddenMessage);
        }

        var errors = new FieldErrors();
        if (round.Status != RoundStatus.Open)
        {
            errors.Add("StartsAt", "开始时间：本轮筛查已结束，不能再排时段");
            return RegistryResult.Invalid(errors);
        }

        if (form.GridId is not { } gridId)
        {
            errors.Add("GridId", "网格：请选择网格");
        }
        else
        {
            var path = round.Path;
            var grid = await db.Jurisdictions.AsNoTracking()
                .AnyAsync(j => j.Id == gridId && j.IsActive && j.Level == JurisdictionLevel.Grid && j.Path.StartsWith(path), ct);
            if (!grid)
            {
                errors.Add("GridId", $"网格：不是本轮筛查范围（{round.NodeName}）内的网格");
            }
        }

        if (form.StartsAt is null)
        {
            errors.Add("StartsAt", "开始时间：不能为空");
        }

        if (form.EndsAt is null)
        {
            errors.Add("EndsAt", "结束时间：不能为空");
        }

        if (form.StartsAt is not { } localStart || form.EndsAt is not { } localEnd)
        {
            return RegistryResult.Invalid(errors);
        }

        var start = clock.ToUtc(localStart);
        var end = clock.ToUtc(localEnd);
        if (end <= start)
        {
            errors.Add("EndsAt", "结束时间：应晚于开始时间");
        }
        else if (start < round.StartsAt || end > round.EndsAt)
        {
            errors.Add("StartsAt", $"开始时间：时段应在本轮筛查时间（{Format(clock.ToLocal(round.StartsAt))} 至 {Format(clock.ToLocal(round.EndsAt))}）内");
        }
        else if (!TimetableRules.WithinHours(localStart, localEnd, site.Opens, site.Closes))
        {
            errors.Add("StartsAt", $"开始时间：时段应在采样点开放时间（每天 {site.Opens:HH:mm}–{site.Closes:HH:mm}）内，且不跨天");
        }
        else if (form.GridId is { } g)
        {
            var clash = await db.SamplingSlots.AsNoTracking()
                .Where(x => x.GridId == g && x.StartsAt < end && start < x.EndsAt
                    && db.SamplingSites.Any(s => s.Id == x.SiteId && s.RoundId == roundId))
                .Select(x => new { x.StartsAt, x.EndsAt, SiteName = db.SamplingSites.Where(s => s.Id == x.SiteId).Select(s => s.Name).First() })
                .FirstOrDefaultAsync(ct);
            if (clash is not null)
            {
                errors.Add("StartsAt", $"开始时间：该网格已安排在“{clash.SiteName}” {Format(clock.ToLocal(clash.StartsAt))}–{clock.ToLocal(clash.EndsAt):HH:mm} 采样，时段不能重叠");
            }
        }

        if (errors.Any)
        {
            return RegistryResult.Invalid(errors);
        }

        var slot = new SamplingSlot { SiteId = site.Id, GridId = form.GridId!.Value, StartsAt = start, EndsAt = end };
        db.SamplingSlots.Add(slot);
        await db.SaveChangesAsync(ct);
        return RegistryResult.Ok(slot.Id);
    }

    internal static string Format(DateTime local) =>
        local.ToString("M月d日 HH:mm", System.Globalization.CultureInfo.InvariantCulture);
}
