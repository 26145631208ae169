using GridGuard.Features.Canvassing.Tips;
using GridGuard.Features.Households;
using GridGuard.Features.Jurisdictions;
using GridGuard.Platform;
using GridGuard.Platform.Auth;
using GridGuard.Platform.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GridGuard.Features.ControlPlans.Arrivals;

/// <summary>
/// POST /api/arrivals (anonymous, or a signed-in grid worker for the person): 返乡报备. Identity (checked as in the
/// registry), phone, where they will stay (a village, or for staff any node of theirs down to a grid), where they came
/// from with dates, the stays of the last 14 days and the declared test. The report is matched to the registry by
/// (IdType, IdNumber), or the person is created there at the report's node (流动, no household yet). Public senders are
/// guarded like the tip form: a honeypot and a per-IP limit (hashed IP, 429 with Retry-After). Everything is audited.
/// </summary>
public static class FileArrival
{
    public sealed class Request
    {
        public string? Name { get; set; }

        /// <summary>IdType name or label; default 居民身份证.</summary>
        public string? IdType { get; set; }

        public string? IdNumber { get; set; }

        public string? Phone { get; set; }

        /// <summary>The village (community) where they will stay; staff may give a grid or compound of theirs.</summary>
        public Guid? VillageId { get; set; }

        public string? StayAddress { get; set; }

        public string? FromPlaceCode { get; set; }

        public string? FromPlaceName { get; set; }

        public DateOnly? DepartedOn { get; set; }

        public DateOnly? ArrivedOn { get; set; }

        public List<StayRow> Stays { get; set; } = [];

        public DateOnly? TestDate { get; set; }

        /// <summary>Negative or Positive (阴性/阳性); empty when no test.</summary>
        public string? TestResult { get; set; }

        /// <summary>Honeypot: hidden from people; a form that fills it in is dropped silently.</summary>
        public string? Website { get; set; }
    }

    public sealed class StayRow
    {
        public string? PlaceCode { get; set; }

        public string? PlaceName { get; set; }

        public string? SubArea { get; set; }

        public DateOnly? From { get; set; }

        public DateOnly? To { get; set; }
    }

    public sealed record Receipt(Guid Id, string Reference, string Message);

    public enum Kind
    {
        Accepted,
        Invalid,
        Limited,
    }

    public sealed record Result(Kind Kind, Receipt? Receipt, FieldErrors Errors, LimitHit? Limit);

    public static RouteGroupBuilder MapFileArrival(this RouteGroupBuilder group)
    {
        group.MapPost("/", HandleAsync)
            .AllowAnonymous()
            .WithName("FileArrival")
            .WithSummary("返乡报备（群众无需登录；网格员登录后可代为报备）；按身份证件匹配或登记人员")
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        return group;
    }

    public static async Task<Results<Created<Receipt>, ValidationProblem, ProblemHttpResult>> HandleAsync(Request request,
        HttpContext http, AppDbContext db, CurrentUser me, TipSender sender, IOptions<ArrivalOptions> options, CountyClock clock,
        ILoggerFactory loggers, CancellationToken ct)
    {
        var log = loggers.CreateLogger(typeof(FileArrival));
        var result = await ExecuteAsync(db, me, sender.Hash(http.Connection.RemoteIpAddress), options.Value, clock, log, request, ct);
        switch (result.Kind)
        {
            case Kind.Accepted:
                return TypedResults.Created($"/api/arrivals/{result.Receipt!.Id}", result.Receipt);
            case Kind.Limited:
                http.Response.Headers.RetryAfter = result.Limit!.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                return TypedResults.Problem(result.Limit.Message, statusCode: StatusCodes.Status429TooManyRequests, title: "提交过于频繁");
            default:
                return TypedResults.ValidationProblem(result.Errors.ToDictionary(), title: "报备内容有误");
        }
    }

    /// <summary>Shared with the page. A signed-in user files as staff (FiledById, no limit); anyone else as the public.</summary>
    public static async Task<Result> ExecuteAsync(AppDbContext db, CurrentUser me, string senderHash, ArrivalOptions options,
        CountyClock clock, ILogger log, Request request, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var now = clock.UtcNow;
        var staff = me.IsAuthenticated;
        if (!staff && !string.IsNullOrEmpty(request.Website))
        {
            log.LogInformation("Arrival form honeypot filled in; dropped without storing");
            return new Result(Kind.Accepted, ReceiptFor(Guid.CreateVersion7()), errors, null);
        }

        if (!staff)
        {
            var wait = await TipLimits.WaitAsync(db.ArrivalReports.Where(r => r.SenderHash == senderHash).Select(r => r.CreatedAt),
                options.PerIpLimit, options.PerIpWindow, now, ct);
            if (wait is { } w)
            {
                log.LogWarning("Arrival report refused: sender limit reached");
                return new Result(Kind.Limited, null, errors, new LimitHit("",
                    $"提交过于频繁：同一网络 {TipText.Duration(options.PerIpWindow)}内最多提交 {options.PerIpLimit} 份报备，请 {TipText.Duration(w)}后再试", w));
            }
        }

        var (report, id) = await ValidateAsync(db, me, request, clock.Today, errors, ct);
        if (errors.Any || report is null)
        {
            return new Result(Kind.Invalid, null, errors, null);
        }

        report.SenderHash = staff ? null : senderHash;
        report.FiledById = me.UserId;
        report.Status = ArrivalStatus.New;
        report.CreatedAt = now;
        report.PersonId = await MatchOrCreatePersonAsync(db, report, id!, now, ct);
        db.ArrivalReports.Add(report);
        await db.SaveChangesAsync(ct);
        log.LogInformation("Arrival report {ReportId} filed for {JurisdictionId}", report.Id, report.JurisdictionId);
        return new Result(Kind.Accepted, ReceiptFor(report.Id), errors, null);
    }

    private static async Task<(ArrivalReport? Report, IdCheck? Id)> ValidateAsync(AppDbContext db, CurrentUser me, Request request, DateOnly today,
        FieldErrors errors, CancellationToken ct)
    {
        var nodeId = await NodeAsync(db, me, request.VillageId, errors, ct);
        var name = PersonInput.Name(request.Name, errors);
        var type = Households.IdType.ResidentIdCard;
        if (!string.IsNullOrWhiteSpace(request.IdType) && !RegistryText.TryParse(request.IdType, t => t.Label(), out type))
        {
            errors.Add(nameof(Request.IdType), $"证件类型：“{request.IdType}”无效，应为 {string.Join("、", Enum.GetValues<IdType>().Select(t => t.Label()))} 之一");
        }

        var id = IdNumbers.Check(type, request.IdNumber, today);
        if (!id.Valid)
        {
            errors.Add(nameof(Request.IdNumber), id.Error!);
        }

        var phone = PersonInput.Phone(request.Phone, errors, nameof(Request.Phone), "手机号码");
        if (phone is null && string.IsNullOrWhiteSpace(request.Phone))
        {
            errors.Add(nameof(Request.Phone), "手机号码：不能为空");
        }

        var address = ArrivalFields.Text(request.StayAddress, ArrivalReport.AddressMaxLength, nameof(Request.StayAddress), "居住地址", errors, required: true);
        var fromCode = ArrivalFields.PlaceCode(request.FromPlaceCode, nameof(Request.FromPlaceCode), "出发地代码", errors);
        var fromName = ArrivalFields.Text(request.FromPlaceName, ArrivalFields.PlaceNameMaxLength, nameof(Request.FromPlaceName), "出发地", errors, required: true);
        ArrivalFields.Trip(request.DepartedOn, request.ArrivedOn, today, errors);
        var stays = ArrivalFields.Stays(request.Stays, fromCode, fromName, request.DepartedOn, request.ArrivedOn, today, errors);
        var (testDate, negative) = ArrivalFields.Proof(request.TestDate, request.TestResult, today, errors);
        if (errors.Any)
        {
            return (null, null);
        }

        return (new ArrivalReport
        {
            Name = name,
            IdType = type,
            IdNumber = id.Normalized!,
            Phone = phone!,
            JurisdictionId = nodeId!.Value,
            StayAddress = address!,
            FromPlaceCode = fromCode,
            FromPlaceName = fromName!,
            DepartedOn = request.DepartedOn!.Value,
            ArrivedOn = request.ArrivedOn!.Value,
            TestDate = testDate,
            TestNegative = negative,
            Stays = stays,
        }, id);
    }

    /// <summary>The public choose an active village; staff an active village, compound or grid where they may file.</summary>
    private static async Task<Guid?> NodeAsync(AppDbContext db, CurrentUser me, Guid? nodeId, FieldErrors errors, CancellationToken ct)
    {
        if (nodeId is not { } id)
        {
            errors.Add(nameof(Request.VillageId), "居住的村（社区）：请选择");
            return null;
        }

        var node = await db.Jurisdictions.AsNoTracking()
            .Where(j => j.Id == id && j.IsActive)
            .Select(j => new { j.Level, j.Path })
            .FirstOrDefaultAsync(ct);
        var ok = node is not null && (me.IsAuthenticated
            ? node.Level is JurisdictionLevel.Village or JurisdictionLevel.Compound or JurisdictionLevel.Grid && me.HoldsAt(node.Path, PlanText.Filers)
            : node.Level == JurisdictionLevel.Village);
        if (!ok)
        {
            errors.Add(nameof(Request.VillageId), me.IsAuthenticated
                ? "居住的村（社区）：不存在、已撤销，或不在您可代为报备的辖区内"
                : "居住的村（社区）：所选村（社区）不存在或已撤销，请重新选择");
            return null;
        }

        return id;
    }

    /// <summary>
    /// The registry person with the same (IdType, IdNumber), or a new one at the report's node: 流动 (floating), no
    /// household yet, birth date and sex from a resident ID number. An existing person is left as recorded; when their
    /// household lies inside the chosen village, the report goes to the household's grid, so that the grid's workers
    /// (who compute and confirm the plan) see it; the village's officers still do (scope by path).
    /// </summary>
    private static async Task<Guid> MatchOrCreatePersonAsync(AppDbContext db, ArrivalReport report, IdCheck id, DateTime now,
        CancellationToken ct)
    {
        var existing = await db.Persons.AsNoTracking()
            .Where(p => p.IdType == report.IdType && p.IdNumber == report.IdNumber)
            .Select(p => new { p.Id, Grid = p.Household == null ? (Guid?)null : p.Household.JurisdictionId, GridPath = p.Household == null ? null : p.Household.Jurisdiction!.Path })
            .FirstOrDefaultAsync(ct);
        if (existing is not null)
        {
            if (existing.Grid is { } grid && existing.GridPath!.StartsWith(
                    await db.Jurisdictions.AsNoTracking().Where(j => j.Id == report.JurisdictionId).Select(j => j.Path).FirstAsync(ct),
                    StringComparison.Ordinal))
            {
                report.JurisdictionId = grid;
            }

            return existing.Id;
        }

        var person = new Person
        {
            Name = report.Name,
            IdType = report.IdType,
            IdNumber = report.IdNumber,
            BirthDate = id.BirthDate,
            Sex = id.Sex,
            Phone = report.Phone,
            Residency = Residency.Floating,
            Status = PersonStatus.Active,
            JurisdictionId = report.JurisdictionId,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Persons.Add(person);
        return person.Id;
    }

    private static Receipt ReceiptFor(Guid id)
    {
        var reference = TipReference.Of(id);
        return new Receipt(id, reference,
            $"报备已收到，编号 {reference}，请妥善保存。村（社区）工作人员将与您联系，告知需要采取的防控措施；在此之前请减少外出，如有发热、咳嗽等症状请及时告知。");
    }
}
