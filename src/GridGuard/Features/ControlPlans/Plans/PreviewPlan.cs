using GridGuard.Features.Canvassing;
using GridGuard.Features.ControlPlans.Arrivals;
using GridGuard.Features.Households;
using GridGuard.Features.Policies;
using GridGuard.Platform;
using GridGuard.Platform.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using FieldErrors = GridGuard.Features.Households.FieldErrors;

namespace GridGuard.Features.ControlPlans.Plans;

/// <summary>
/// POST /api/plans/preview: computes a control plan and stores nothing (for the arrival form, staff and API clients;
/// no sign-in, as the rules and the risk-area list are public). The risk level of the stays comes from the stored
/// risk-area list with the county rule; special groups from <c>vulnerableGroups</c> and from the birth date in
/// <c>idNumber</c> (Child14 at the anchor date); the policy is the named one (its latest active version) or the one in
/// force on the anchor date. Phases' <c>start</c> and <c>end</c> are inclusive; so are the stays' dates.
/// </summary>
public static class PreviewPlan
{
    private const string Title = "无法试算管控计划";

    public sealed class Request
    {
        /// <summary>A policy name, e.g. "2021-01 春节"; empty: the one in force on the anchor date.</summary>
        public string? Policy { get; set; }

        public string? Category { get; set; }

        public DateOnly? AnchorDate { get; set; }

        /// <summary>The day the person was registered; empty: the anchor date.</summary>
        public DateOnly? RegisteredOn { get; set; }

        public List<StayRow>? Stays { get; set; }

        public ProofRow? TestProof { get; set; }

        public string? IdNumber { get; set; }

        public List<string>? VulnerableGroups { get; set; }
    }

    public sealed record StayRow(string? DivisionCode, DateOnly? From, DateOnly? To);

    public sealed record ProofRow(DateOnly? Date, string? Result);

    public sealed record Phase(string Kind, DateOnly Start, DateOnly End, int ChecksPerDay);

    public sealed record Test(DateOnly Due, DateOnly? Within24hOf);

    public sealed record Response(string? RiskLevel, string? Policy, int? PolicyVersion, string? Rule, bool ManualDecisionRequired,
        string? ManualDecisionReason, string? Exception, IReadOnlyList<Phase> Phases, IReadOnlyList<Test> Tests);

    public static RouteGroupBuilder MapPreviewPlan(this RouteGroupBuilder group)
    {
        group.MapPost("/preview", HandleAsync).AllowAnonymous().WithName("PreviewPlan")
            .WithSummary("试算管控计划（不保存）：按风险地区名单（含县域规则）和指定或生效的管控规则计算阶段与核酸检测日期");
        return group;
    }

    public static async Task<Results<Ok<Response>, ValidationProblem>> HandleAsync(Request request, AppDbContext db, CountyClock clock,
        CancellationToken ct)
    {
        var errors = new FieldErrors();
        var input = Validate(request, clock.Today, errors);
        if (input is null)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary(), title: Title);
        }

        var (stays, plan) = input.Value;
        var level = stays.Count == 0 ? null : (await PlanInputs.IndexAsync(db, stays, ct)).LevelOf(stays);
        plan = plan with { RiskLevel = level };
        var book = await PolicyBook.LoadAsync(db, ct);
        var policy = PolicyBook.Select(book, request.Policy, plan.Anchor);
        if (policy is null && !string.IsNullOrWhiteSpace(request.Policy))
        {
            errors.Add(nameof(Request.Policy), $"管控规则：“{request.Policy.Trim()}”不存在或已停用");
            return TypedResults.ValidationProblem(errors.ToDictionary(), title: Title);
        }

        var computed = PlanCalculator.Compute(plan, policy?.Rulebook);
        return TypedResults.Ok(new Response(
            level?.ToString(),
            computed.PolicyName,
            computed.PolicyVersion,
            computed.RuleId,
            computed.ManualDecisionRequired,
            computed.ManualDecisionReason,
            computed.Exception is { Overridden: false } ? SpecialGroupException.Name : null,
            [.. computed.Phases.Select(p => new Phase(p.Kind.ToString(), p.Start, p.End, p.ChecksPerDay))],
            [.. computed.Tests.Select(t => new Test(t.Due, t.Within24hOf))]));
    }

    /// <summary>The stays and the plan input (its risk level still to be looked up), or null with the errors named by field.</summary>
    private static (List<Stay> Stays, PlanInput Input)? Validate(Request request, DateOnly today, FieldErrors errors)
    {
        var category = default(KeyPersonCategory);
        if (string.IsNullOrWhiteSpace(request.Category))
        {
            errors.Add(nameof(Request.Category), "人员类别：不能为空");
        }
        else if (!RegistryText.TryParse(request.Category, c => c.Label(), out category))
        {
            errors.Add(nameof(Request.Category), $"人员类别：“{request.Category.Trim()}”无效，应为 {CanvassingLabels.Names<KeyPersonCategory>()} 之一");
        }

        if (request.AnchorDate is null)
        {
            errors.Add(nameof(Request.AnchorDate), "起算日期：不能为空（密接为末次暴露日，其他人员为抵达日）");
        }

        var registered = request.RegisteredOn ?? request.AnchorDate;
        if (request.RegisteredOn is { } r && request.AnchorDate is { } a && r < a)
        {
            errors.Add(nameof(Request.RegisteredOn), "登记日期：不能早于起算日期");
        }

        var stays = new List<Stay>();
        for (var i = 0; i < (request.Stays?.Count ?? 0); i++)
        {
            var row = request.Stays![i];
            var key = $"Stays[{i}]";
            var code = ArrivalFields.PlaceCode(row.DivisionCode, key + ".DivisionCode", $"旅居史第 {i + 1} 行地区代码", errors);
            if (code is null && string.IsNullOrWhiteSpace(row.DivisionCode))
            {
                errors.Add(key + ".DivisionCode", $"旅居史第 {i + 1} 行地区代码：不能为空");
            }

            if (row.From is null || row.To is null)
            {
                errors.Add(key + (row.From is null ? ".From" : ".To"), $"旅居史第 {i + 1} 行：开始和结束日期都不能为空");
            }
            else if (row.To < row.From)
            {
                errors.Add(key + ".To", $"旅居史第 {i + 1} 行结束日期：不能早于开始日期");
            }
            else if (code is not null)
            {
                stays.Add(new Stay(Place.Of(code), row.From.Value, row.To.Value));
            }
        }

        TestProof? proof = null;
        if (request.TestProof is { } p)
        {
            bool? negative = p.Result?.Trim() switch
            {
                "Negative" or "negative" or "阴性" => true,
                "Positive" or "positive" or "阳性" => false,
                _ => null,
            };
            if (p.Date is null || negative is null)
            {
                errors.Add(nameof(Request.TestProof), "核酸证明：日期和结果（Negative 或 Positive）都要填写；没有核酸证明时 testProof 为 null");
            }
            else
            {
                proof = new TestProof(p.Date.Value, negative.Value);
            }
        }

        DateOnly? birth = null;
        if (!string.IsNullOrWhiteSpace(request.IdNumber))
        {
            var id = IdNumbers.Check(IdType.ResidentIdCard, request.IdNumber, today);
            if (!id.Valid)
            {
                errors.Add(nameof(Request.IdNumber), id.Error!);
            }

            birth = id.BirthDate;
        }

        var declared = new List<VulnerableGroup>();
        foreach (var text in request.VulnerableGroups ?? [])
        {
            if (RegistryText.TryParse(text, g => g.Label(), out VulnerableGroup group))
            {
                declared.Add(group);
            }
            else
            {
                errors.Add(nameof(Request.VulnerableGroups), $"特殊人群：“{text}”无效，应为 {CanvassingLabels.Names<VulnerableGroup>()} 之一");
            }
        }

        if (errors.Any)
        {
            return null;
        }

        var anchor = request.AnchorDate!.Value;
        var groups = SpecialGroups.Of(declared, birth, anchor);
        return (stays, new PlanInput(category, null, anchor, registered!.Value, [.. groups], proof));
    }
}
