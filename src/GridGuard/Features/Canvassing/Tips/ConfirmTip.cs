using GridGuard.Features.Policies;
using GridGuard.Platform;
using GridGuard.Platform.Auth;
using GridGuard.Platform.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GridGuard.Features.Canvassing.Tips;

/// <summary>
/// POST /api/tips/{id}/confirm: staff confirm a tip as a key person (重点人员). The person is an existing one in scope
/// (register a new one first with the household pages); the category (and a risk level for returnees) is chosen.
/// One SaveChanges adds a confirmed <see cref="KeyPersonFlag"/> (Source = Tip), sets the tip Confirmed, and records
/// the tipster's <see cref="Reward"/> (Rewards:Amount, under the person's grid) — all audited. The tip is claimed with
/// a conditional update inside the transaction, so a second or simultaneous confirmation adds nothing: for the same
/// person it answers the confirmed tip again (200), for another person 409.
/// </summary>
public static class ConfirmTip
{
    public const int NoteMaxLength = 500;

    public sealed class Request
    {
        public Guid? PersonId { get; set; }

        /// <summary>KeyPersonCategory name (Returnee, CloseContact, …) or its Chinese label.</summary>
        public string? Category { get; set; }

        /// <summary>High, Medium or Low; returnees only.</summary>
        public string? RiskLevel { get; set; }

        public string? Note { get; set; }
    }

    public static RouteGroupBuilder MapConfirmTip(this RouteGroupBuilder group)
    {
        group.MapPost("/{id:guid}/confirm", HandleAsync).WithName("ConfirmTip")
            .WithSummary("确认线索：标记重点人员并为举报人记录奖励（重复确认不重复奖励）");
        return group;
    }

    public static async Task<Results<Ok<GetTip.Detail>, ValidationProblem, NotFound, ProblemHttpResult>> HandleAsync(Guid id,
        Request request, AppDbContext db, CurrentUser me, CountyClock clock, IOptions<RewardOptions> rewards, CancellationToken ct)
    {
        var result = await ExecuteAsync(db, me, clock, rewards.Value, id, request, ct);
        return result.Kind switch
        {
            TipResultKind.Ok => TypedResults.Ok(result.Value),
            TipResultKind.Invalid => TypedResults.ValidationProblem(result.Errors.ToDictionary(), title: "确认线索有误"),
            TipResultKind.Conflict => TypedResults.Problem(result.Message, statusCode: StatusCodes.Status409Conflict, title: "线索状态不允许此操作"),
            _ => TypedResults.NotFound(),
        };
    }

    public static async Task<TipResult<GetTip.Detail>> ExecuteAsync(AppDbContext db, CurrentUser me, CountyClock clock,
        RewardOptions rewards, Guid tipId, Request request, CancellationToken ct)
    {
        var tip = await db.Tips.InScopeOf(me, TipText.Staff).FirstOrDefaultAsync(t => t.Id == tipId, ct);
        if (tip is null)
        {
            return TipResult.NotFound<GetTip.Detail>();
        }

        if (tip.Status != TipStatus.New)
        {
            return await AgainAsync(db, me, tip, request, ct);
        }

        var errors = new Households.FieldErrors();
        var person = await PersonAsync(db, me, request.PersonId, errors, ct);
        var (category, risk) = ParseCategory(request, errors);
        var note = TipResult.Text(request.Note, NoteMaxLength, nameof(Request.Note), "备注", errors);
        if (errors.Any)
        {
            return TipResult.Invalid<GetTip.Detail>(errors);
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var claimed = await db.Tips.Where(t => t.Id == tip.Id && t.Status == TipStatus.New)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.Status, TipStatus.Confirmed), ct);
        if (claimed == 0 || await db.Rewards.AnyAsync(r => r.TipId == tip.Id, ct))
        {
            await tx.RollbackAsync(ct);
            await db.Entry(tip).ReloadAsync(ct);
            return await AgainAsync(db, me, tip, request, ct);
        }

        var now = clock.UtcNow;
        var reference = TipReference.Of(tip.Id);
        var flag = new KeyPersonFlag
        {
            PersonId = person!.Id,
            Category = category!.Value,
            RiskLevel = risk,
            JurisdictionId = person.JurisdictionId,
            Source = FlagSource.Tip,
            SourceId = tip.Id,
            Status = FlagStatus.Confirmed,
            Note = note ?? $"群众线索 {reference}",
            FlaggedById = me.UserId,
            FlaggedAt = now,
        };
        tip.Status = TipStatus.Confirmed;
        tip.KeyPersonFlagId = flag.Id;
        db.KeyPersonFlags.Add(flag);
        db.Rewards.Add(new Reward
        {
            TipId = tip.Id,
            KeyPersonFlagId = flag.Id,
            RecipientName = tip.TipsterName ?? $"{TipText.AnonymousTipster}（{reference}）",
            RecipientPhone = tip.TipsterPhone,
            JurisdictionId = person.JurisdictionId,
            Amount = rewards.Amount,
            Reason = $"群众线索 {reference} 经核实确认为重点人员（{category.Value.Label()}）",
            CreatedAt = now,
        });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return TipResult.Ok((await GetTip.LoadAsync(db, me, tip.Id, ct))!);
    }

    private sealed record PersonRef(Guid Id, Guid JurisdictionId, string Path);

    private static async Task<PersonRef?> PersonAsync(AppDbContext db, CurrentUser me, Guid? personId, Households.FieldErrors errors,
        CancellationToken ct)
    {
        if (personId is not { } id)
        {
            errors.Add(nameof(Request.PersonId), "人员：请选择线索所指的人员（未登记的请先在住户中登记）");
            return null;
        }

        var person = await db.Persons.AsNoTracking().InScopeOf(me)
            .Where(p => p.Id == id)
            .Select(p => new PersonRef(p.Id, p.JurisdictionId, p.Jurisdiction!.Path))
            .FirstOrDefaultAsync(ct);
        if (person is null || !me.HoldsAt(person.Path, TipText.Staff))
        {
            errors.Add(nameof(Request.PersonId), "人员：未找到该人员，或不在您可处置的辖区内");
            return null;
        }

        return person;
    }

    private static (KeyPersonCategory? Category, RiskLevel? Risk) ParseCategory(Request request, Households.FieldErrors errors)
    {
        KeyPersonCategory? category = null;
        if (string.IsNullOrWhiteSpace(request.Category))
        {
            errors.Add(nameof(Request.Category), "重点人员类别：不能为空");
        }
        else if (Fields.TryParse(request.Category, CanvassingLabels.Label, out KeyPersonCategory c))
        {
            category = c;
        }
        else
        {
            errors.Add(nameof(Request.Category), $"重点人员类别：“{request.Category}”无效，应为 {CanvassingLabels.Names<KeyPersonCategory>()} 之一");
        }

        RiskLevel? risk = null;
        if (!string.IsNullOrWhiteSpace(request.RiskLevel))
        {
            if (!Fields.TryParse(request.RiskLevel, CanvassingLabels.Label, out RiskLevel r))
            {
                errors.Add(nameof(Request.RiskLevel), $"风险等级：“{request.RiskLevel}”无效，应为 {CanvassingLabels.Names<RiskLevel>()} 之一");
            }
            else if (category is { } cat && cat != KeyPersonCategory.Returnee)
            {
                errors.Add(nameof(Request.RiskLevel), "风险等级：只有返乡人员需要填写风险等级");
            }
            else
            {
                risk = r;
            }
        }

        return (category, risk);
    }

    /// <summary>The tip was triaged already: the same confirmation again is answered as before; anything else conflicts.</summary>
    private static async Task<TipResult<GetTip.Detail>> AgainAsync(AppDbContext db, CurrentUser me, Tip tip, Request request,
        CancellationToken ct)
    {
        var detail = (await GetTip.LoadAsync(db, me, tip.Id, ct))!;
        return tip.Status switch
        {
            TipStatus.Rejected => TipResult.Conflict<GetTip.Detail>("线索：已驳回，不能再确认"),
            TipStatus.Confirmed when detail.Flag is { } f && (request.PersonId is null || request.PersonId == f.PersonId) => TipResult.Ok(detail),
            _ => TipResult.Conflict<GetTip.Detail>($"线索：已确认为重点人员“{detail.Flag?.PersonName}”，不能改为其他人员"),
        };
    }
}
