using GridGuard.Features.Households;
using GridGuard.Features.Jurisdictions;
using GridGuard.Platform;
using GridGuard.Platform.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GridGuard.Features.Canvassing.Tips;

/// <summary>
/// POST /api/tips (anonymous): a resident's tip (线索) about a village or community. Guarded without CAPTCHA: a hidden
/// honeypot field, and limits per sender (hashed IP) and per tipster phone counted in the database (429 with
/// Retry-After). The answer is a receipt with a short reference number (<see cref="TipReference"/>).
/// </summary>
public static class SubmitTip
{
    /// <summary>The API body and the page's form.</summary>
    public sealed class Request
    {
        /// <summary>The village or community (村/社区) the tip concerns; see GET /api/tips/villages.</summary>
        public Guid? VillageId { get; set; }

        public string? SubjectName { get; set; }

        public string? SubjectAddress { get; set; }

        /// <summary>What happened. Required.</summary>
        public string? Content { get; set; }

        /// <summary>Optional; a name and phone are needed to claim the reward.</summary>
        public string? TipsterName { get; set; }

        public string? TipsterPhone { get; set; }

        /// <summary>Honeypot: hidden from people; a form that fills it in is taken for a bot and silently dropped.</summary>
        public string? Website { get; set; }
    }

    public sealed record Receipt(string Reference, int RewardAmount, string Message);

    public enum Kind
    {
        Accepted,
        Invalid,
        Limited,
    }

    public sealed record Result(Kind Kind, Receipt? Receipt, Households.FieldErrors Errors, LimitHit? Limit);

    public const int SubjectNameMaxLength = 50;
    public const int AddressMaxLength = 200;
    public const int TipsterNameMaxLength = 50;

    public static RouteGroupBuilder MapSubmitTip(this RouteGroupBuilder group)
    {
        group.MapPost("/", HandleAsync)
            .AllowAnonymous()
            .WithName("SubmitTip")
            .WithSummary("群众线索举报（无需登录，可匿名；按 IP 与手机号码限制提交频率）")
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        return group;
    }

    public static async Task<Results<Created<Receipt>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        Request request, HttpContext http, AppDbContext db, TipSender sender, IOptions<TipsOptions> tips,
        IOptions<RewardOptions> rewards, CountyClock clock, ILoggerFactory loggers, CancellationToken ct)
    {
        var log = loggers.CreateLogger(typeof(SubmitTip));
        var result = await ExecuteAsync(db, sender.Hash(http.Connection.RemoteIpAddress), tips.Value, rewards.Value, clock, log, request, ct);
        switch (result.Kind)
        {
            case Kind.Accepted:
                return TypedResults.Created((string?)null, result.Receipt);
            case Kind.Limited:
                http.Response.Headers.RetryAfter = result.Limit!.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                return TypedResults.Problem(result.Limit.Message, statusCode: StatusCodes.Status429TooManyRequests, title: "提交过于频繁");
            default:
                return TypedResults.ValidationProblem(result.Errors.ToDictionary(), title: "线索内容有误");
        }
    }

    /// <summary>Shared with the page. <paramref name="senderHash"/> is <see cref="TipSender.Hash"/> of the client's address.</summary>
    public static async Task<Result> ExecuteAsync(AppDbContext db, string senderHash, TipsOptions tips, RewardOptions rewards,
        CountyClock clock, ILogger log, Request request, CancellationToken ct)
    {
        var errors = new Households.FieldErrors();
        var now = clock.UtcNow;
        if (!string.IsNullOrEmpty(request.Website))
        {
            log.LogInformation("Tip form honeypot filled in; dropped without storing");
            return new Result(Kind.Accepted, ReceiptFor(Guid.CreateVersion7(), null, rewards), errors, null);
        }

        if (await TipLimits.CheckSenderAsync(db, tips, senderHash, now, ct) is { } senderLimit)
        {
            log.LogWarning("Tip refused: sender limit reached");
            return new Result(Kind.Limited, null, errors, senderLimit);
        }

        var tip = await ValidateAsync(db, request, errors, ct);
        if (errors.Any)
        {
            return new Result(Kind.Invalid, null, errors, null);
        }

        if (tip.TipsterPhone is { } phone && await TipLimits.CheckPhoneAsync(db, tips, phone, now, ct) is { } phoneLimit)
        {
            log.LogWarning("Tip refused: phone limit reached");
            return new Result(Kind.Limited, null, errors, phoneLimit);
        }

        tip.SenderHash = senderHash;
        tip.Status = TipStatus.New;
        tip.CreatedAt = now;
        db.Tips.Add(tip);
        await db.SaveChangesAsync(ct);
        log.LogInformation("Tip {TipId} received for {JurisdictionId}", tip.Id, tip.JurisdictionId);
        return new Result(Kind.Accepted, ReceiptFor(tip.Id, tip.TipsterPhone, rewards), errors, null);
    }

    private static async Task<Tip> ValidateAsync(AppDbContext db, Request request, Households.FieldErrors errors, CancellationToken ct)
    {
        Guid? villageId = null;
        if (request.VillageId is not { } id)
        {
            errors.Add(nameof(Request.VillageId), "村（社区）：请选择线索涉及的村（社区）");
        }
        else if (!await db.Jurisdictions.AsNoTracking().AnyAsync(j => j.Id == id && j.IsActive && j.Level == JurisdictionLevel.Village, ct))
        {
            errors.Add(nameof(Request.VillageId), "村（社区）：所选村（社区）不存在或已撤销，请重新选择");
        }
        else
        {
            villageId = id;
        }

        var content = TipResult.Text(request.Content, Tip.TextMaxLength, nameof(Request.Content), "线索内容", errors, multiline: true);
        if (content is null)
        {
            errors.Add(nameof(Request.Content), "线索内容：不能为空，请写明发现的情况");
        }

        var subject = TipResult.Text(request.SubjectName, SubjectNameMaxLength, nameof(Request.SubjectName), "当事人姓名", errors);
        var address = TipResult.Text(request.SubjectAddress, AddressMaxLength, nameof(Request.SubjectAddress), "当事人住址", errors);
        var tipster = TipResult.Text(request.TipsterName, TipsterNameMaxLength, nameof(Request.TipsterName), "您的姓名", errors);
        var (phone, phoneError) = RegistryText.NormalizePhone(request.TipsterPhone, "联系电话");
        if (phoneError is not null)
        {
            errors.Add(nameof(Request.TipsterPhone), phoneError);
        }

        return new Tip
        {
            JurisdictionId = villageId,
            Content = content ?? "",
            SubjectName = subject,
            SubjectAddress = address,
            TipsterName = tipster,
            TipsterPhone = phone,
        };
    }

    private static Receipt ReceiptFor(Guid tipId, string? phone, RewardOptions rewards)
    {
        var reference = TipReference.Of(tipId);
        var claim = phone is null
            ? "您没有留下联系电话，领取奖励时请凭线索编号与所在村（社区）联系。"
            : "工作人员核实后会通过您留下的电话与您联系。";
        return new Receipt(reference, rewards.Amount,
            $"线索已收到，编号 {reference}，请妥善保存。经核实确认为重点人员的，给予 {rewards.Amount} 元奖励。{claim}");
    }
}
