using GridGuard.Features.Households;
using GridGuard.Platform;
using GridGuard.Platform.Auth;
using GridGuard.Platform.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GridGuard.Features.Canvassing.Tips;

/// <summary>
/// POST /api/rewards: records the reward of a finder (a staff member or resident who found a key person) against an
/// existing key-person flag in scope (open or confirmed, not cleared). The amount is Rewards:Amount; the reward is
/// reported under the flag's grid. One reward per flag and recipient (the phone, or the name when no phone is given):
/// a second one is refused with 409.
/// </summary>
public static class RecordReward
{
    public const int RecipientNameMaxLength = 50;
    public const int ReasonMaxLength = 200;

    public sealed class Request
    {
        public Guid? KeyPersonFlagId { get; set; }

        public string? RecipientName { get; set; }

        public string? RecipientPhone { get; set; }

        /// <summary>Optional; by default "发现重点人员（类别）：姓名".</summary>
        public string? Reason { get; set; }
    }

    public static RouteGroupBuilder MapRecordReward(this RouteGroupBuilder group)
    {
        group.MapPost("/", HandleAsync).WithName("RecordReward").WithSummary("为发现重点人员的人员登记奖励（每个标记每位领取人一次）");
        return group;
    }

    public static async Task<Results<Created<ListRewards.Row>, ValidationProblem, NotFound, ProblemHttpResult>> HandleAsync(
        Request request, AppDbContext db, CurrentUser me, CountyClock clock, IOptions<RewardOptions> rewards, CancellationToken ct)
    {
        var result = await ExecuteAsync(db, me, clock, rewards.Value, request, ct);
        return result.Kind switch
        {
            TipResultKind.Ok => TypedResults.Created($"/api/rewards?node={result.Value!.JurisdictionId}", result.Value),
            TipResultKind.Invalid => TypedResults.ValidationProblem(result.Errors.ToDictionary(), title: "奖励登记有误"),
            TipResultKind.Conflict => TypedResults.Problem(result.Message, statusCode: StatusCodes.Status409Conflict, title: "奖励已登记"),
            _ => TypedResults.NotFound(),
        };
    }

    public static async Task<TipResult<ListRewards.Row>> ExecuteAsync(AppDbContext db, CurrentUser me, CountyClock clock,
        RewardOptions rewards, Request request, CancellationToken ct)
    {
        var errors = new Households.FieldErrors();
        if (request.KeyPersonFlagId is not { } flagId)
        {
            errors.Add(nameof(Request.KeyPersonFlagId), "重点人员标记：请选择发现的重点人员");
            return TipResult.Invalid<ListRewards.Row>(errors);
        }

        var flag = await db.KeyPersonFlags.AsNoTracking().InScopeOf(me)
            .Where(f => f.Id == flagId)
            .Select(f => new { f.Id, f.JurisdictionId, f.Jurisdiction!.Path, f.Status, f.Category, PersonName = f.Person!.Name })
            .FirstOrDefaultAsync(ct);
        if (flag is null || !me.HoldsAt(flag.Path, TipText.Staff))
        {
            return TipResult.NotFound<ListRewards.Row>();
        }

        if (flag.Status == FlagStatus.Cleared)
        {
            errors.Add(nameof(Request.KeyPersonFlagId), "重点人员标记：已解除的标记不能登记奖励");
        }

        var name = TipResult.Text(request.RecipientName, RecipientNameMaxLength, nameof(Request.RecipientName), "领取人姓名", errors);
        if (name is null && !errors.For(nameof(Request.RecipientName)).Any())
        {
            errors.Add(nameof(Request.RecipientName), "领取人姓名：不能为空");
        }

        var (phone, phoneError) = RegistryText.NormalizePhone(request.RecipientPhone, "领取人电话");
        if (phoneError is not null)
        {
            errors.Add(nameof(Request.RecipientPhone), phoneError);
        }

        var reason = TipResult.Text(request.Reason, ReasonMaxLength, nameof(Request.Reason), "奖励事由", errors)
            ?? $"发现重点人员（{flag.Category.Label()}）：{flag.PersonName}";
        if (errors.Any)
        {
            return TipResult.Invalid<ListRewards.Row>(errors);
        }

        var same = db.Rewards.Where(r => r.KeyPersonFlagId == flag.Id);
        same = phone is null ? same.Where(r => r.RecipientPhone == null && r.RecipientName == name) : same.Where(r => r.RecipientPhone == phone);
        if (await same.AnyAsync(ct))
        {
            return TipResult.Conflict<ListRewards.Row>("奖励：该领取人已因这名重点人员登记过奖励，不能重复登记");
        }

        var reward = new Reward
        {
            KeyPersonFlagId = flag.Id,
            RecipientName = name!,
            RecipientPhone = phone,
            JurisdictionId = flag.JurisdictionId,
            Amount = rewards.Amount,
            Reason = reason.Length <= ReasonMaxLength ? reason : reason[..ReasonMaxLength],
            CreatedAt = clock.UtcNow,
        };
        db.Rewards.Add(reward);
        await db.SaveChangesAsync(ct);
        return TipResult.Ok(await ListRewards.RowAsync(db, clock, reward.Id, ct));
    }
}
