using GridGuard.Features.Households.Import;
using GridGuard.Platform.Auth;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace GridGuard.Features.Policies.RiskAreas.Import;

/// <summary>
/// POST /api/risk-areas/import (multipart/form-data, field "file"): imports a published risk-area list (columns in
/// <see cref="RiskAreaColumns"/>) with the household list's upload rules (<see cref="ImportUpload"/>). The good rows go
/// in; every bad row is reported with its row number, column and reason. County staff only. The page
/// /risk-areas/import calls <see cref="RunAsync"/> as well.
/// </summary>
public static class ImportRiskAreas
{
    public sealed record Outcome(ListImportReport? Report, FileRefusal? Refusal);

    public static RouteGroupBuilder MapImportRiskAreas(this RouteGroupBuilder group)
    {
        group.MapPost("/import", HandleAsync)
            .Accepts<IFormFile>("multipart/form-data")
            .WithName("ImportRiskAreas")
            .WithSummary("导入风险地区名单（xlsx 或 csv，每行一个地区；字段 file）：导入正确的行，逐行报告错误；同一地区同一开始日期即更新");
        return group;
    }

    public static async Task<Results<Ok<ListImportReport>, ProblemHttpResult>> HandleAsync(HttpContext http, RiskAreaImporter importer,
        CurrentUser me, IAntiforgery antiforgery, IOptions<ImportOptions> options, ILogger<RiskAreaImporter> log, CancellationToken ct)
    {
        if (!RiskAreaRules.CanEdit(me))
        {
            return Problem(Forbidden);
        }

        var (file, refusal) = await ImportUpload.ReadFormAsync(http, antiforgery, options.Value, ct);
        if (refusal is not null)
        {
            return Problem(refusal);
        }

        var outcome = await RunAsync(file, importer, me, options.Value, log, ct);
        return outcome.Report is { } report ? TypedResults.Ok(report) : Problem(outcome.Refusal!);
    }

    public static async Task<Outcome> RunAsync(IFormFile? file, RiskAreaImporter importer, CurrentUser me, ImportOptions options,
        ILogger log, CancellationToken ct)
    {
        if (!RiskAreaRules.CanEdit(me))
        {
            return new Outcome(null, Forbidden);
        }

        var (report, refusal) = await ListImport.RunAsync(file, options, RiskAreaColumns.Sheet, RiskAreaImportRow.Parse, importer.ImportAsync,
            "Risk-area list", me.UserName, log, ct);
        return new Outcome(report, refusal);
    }

    public static readonly FileRefusal Forbidden = new(StatusCodes.Status403Forbidden, "无权导入", RiskAreaRules.ForbiddenMessage);

    private static ProblemHttpResult Problem(FileRefusal refusal) =>
        TypedResults.Problem(refusal.Message, statusCode: refusal.Status, title: refusal.Title);
}
