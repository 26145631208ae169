using System.ComponentModel.DataAnnotations;
using GridGuard.Features.Jurisdictions.Import;
using GridGuard.Platform.Auth;
using GridGuard.Platform.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Features.Jurisdictions;

/// <summary>
/// POST /api/jurisdictions: a new child node under a parent the user may edit.
/// The code must extend the parent's code (DivisionRules) and be unique; the level must lie below the parent's.
/// </summary>
public static class CreateJurisdiction
{
    public sealed class Request
    {
        public Guid ParentId { get; set; }

        [Required(ErrorMessage = "代码：不能为空")]
        [StringLength(Jurisdiction.CodeMaxLength, ErrorMessage = "代码：不能超过 {1} 位")]
        [RegularExpression("^[0-9]+$", ErrorMessage = "代码：只能由数字组成")]
        public string Code { get; set; } = "";

        [Required(ErrorMessage = "名称：不能为空")]
        [StringLength(Jurisdiction.NameMaxLength, ErrorMessage = "名称：不能超过 {1} 个字")]
        public string Name { get; set; } = "";

        /// <summary>Grid, Compound, … or 网格, 小组, …</summary>
        [Required(ErrorMessage = "级别：不能为空")]
        [StringLength(16, ErrorMessage = "级别：不能超过 {1} 个字符")]
        public string Level { get; set; } = "";

        /// <summary>Urban / Rural (城镇 / 农村); empty: villages by their name, others as their parent.</summary>
        [StringLength(8, ErrorMessage = "城乡类型：不能超过 {1} 个字符")]
        public string? Settlement { get; set; }
    }

    public static RouteGroupBuilder MapCreateJurisdiction(this RouteGroupBuilder group)
    {
        group.MapPost("/", HandleAsync).WithName("CreateJurisdiction").WithSummary("新建下级辖区");
        return group;
    }

    public static async Task<Results<Created<GetJurisdiction.NodeDto>, ValidationProblem, NotFound, ProblemHttpResult>> HandleAsync(
        Request request, AppDbContext db, CurrentUser me, TimeProvider time, CancellationToken ct)
    {
        var result = await RunAsync(db, me, time, request, ct);
        return result.Status switch
        {
            EditStatus.Ok => TypedResults.Created($"/api/jurisdictions/{result.Node!.Id}", result.Node),
            EditStatus.NotFound => TypedResults.NotFound(),
            EditStatus.Forbidden => TypedResults.Problem(result.Message, statusCode: StatusCodes.Status403Forbidden, title: "无权操作"),
            _ => result.ToValidationProblem(),
        };
    }

    public static async Task<EditResult> RunAsync(AppDbContext db, CurrentUser me, TimeProvider time, Request request, CancellationToken ct)
    {
        var parent = await db.Jurisdictions.AsNoTracking().InScopeOf(me).FirstOrDefaultAsync(j => j.Id == request.ParentId, ct);
        if (parent is null)
        {
            return EditResult.NotFound;
        }

        if (!me.CanEdit(parent.Path))
        {
            return EditResult.Forbidden($"您无权在“{parent.Name}”下新建辖区");
        }

        var errors = TreeEdit.ShapeErrors(request);
        if (errors.Count > 0)
        {
            return EditResult.Invalid(errors);
        }

        var code = request.Code.Trim();
        var name = request.Name.Trim();
        if (!parent.IsActive)
        {
            errors.Add(nameof(Request.ParentId), $"上级：“{parent.Name}”已停用，不能新建下级");
        }

        var level = JurisdictionLabels.ParseLevel(request.Level);
        if (level is null)
        {
            errors.Add(nameof(Request.Level), $"级别：无法识别“{request.Level}”");
        }
        else if (level <= parent.Level)
        {
            errors.Add(nameof(Request.Level), $"级别：{level.Value.Label()}不能位于{parent.Level.Label()}之下");
        }
        else if (DivisionRules.CheckCode(code, level.Value, parent.Code, parent.Level) is { } reason)
        {
            // The rules say "代码“…”…"; name the field once: "代码：“…”…".
            errors.Add(nameof(Request.Code), "代码：" + (reason.StartsWith("代码", StringComparison.Ordinal) ? reason[2..] : reason));
        }
        else if (await db.Jurisdictions.AnyAsync(j => j.Code == code, ct))
        {
            errors.Add(nameof(Request.Code), $"代码：“{code}”已存在");
        }

        Settlement? settlement = null;
        if (!string.IsNullOrWhiteSpace(request.Settlement))
        {
            settlement = ParseSettlement(request.Settlement);
            if (settlement is null)
            {
                errors.Add(nameof(Request.Settlement), $"城乡类型：无法识别“{request.Settlement}”");
            }
        }

        if (errors.Count > 0)
        {
            return EditResult.Invalid(errors);
        }

        var now = time.GetUtcNow().UtcDateTime;
        var node = new Jurisdiction
        {
            Code = code,
            Name = name,
            Level = level!.Value,
            ParentId = parent.Id,
            Path = Jurisdiction.ChildPath(parent.Path, code),
            Depth = parent.Depth + 1,
            Settlement = settlement
                ?? (level == JurisdictionLevel.Village ? DivisionRules.SettlementOf(name) : parent.Settlement),
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Jurisdictions.Add(node);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Lost a race with another writer of the same code: the unique index kept the tree whole.
            db.ChangeTracker.Clear();
            if (await db.Jurisdictions.AnyAsync(j => j.Code == code, ct))
            {
                return EditResult.Invalid(nameof(Request.Code), $"代码：“{code}”已存在");
            }

            throw;
        }

        return EditResult.Ok(node);
    }

    public static Settlement? ParseSettlement(string text) => text.Trim() switch
    {
        "城镇" or "城市" or "社区" => Settlement.Urban,
        "农村" or "村" => Settlement.Rural,
        var t when Enum.TryParse<Settlement>(t, ignoreCase: true, out var s) && !int.TryParse(t, out _) => s,
        _ => null,
    };
}
