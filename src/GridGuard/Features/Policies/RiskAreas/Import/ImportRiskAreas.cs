using GridGuard.Features.Households.Import;
using GridGuard.Platform.Auth;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
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

        var (upload, refusal) = await ImportUpload.OpenAsync(file, options, ct);
        if (upload is null)
        {
            return new Outcome(null, refusal);
        }

        await using (upload)
        {
            var (rows, readRefusal) = ImportUpload.ReadRows(upload, RiskAreaColumns.Sheet, RiskAreaImportRow.Parse, log, ct);
            if (rows is null)
            {
                return new Outcome(null, readRefusal);
            }

            try
            {
                var report = await importer.ImportAsync(upload.FileName, rows, ct);
                log.LogInformation("Risk-area list imported by {User}: {Rows} rows, {Imported} in, {Rejected} rejected",
                    me.UserName, report.Rows, report.Imported, report.RejectedRows);
                return new Outcome(report, null);
            }
            catch (DbUpdateException e)
            {
                log.LogWarning(e, "Risk-area list import rolled back");
                return new Outcome(null, new FileRefusal(StatusCodes.Status409Conflict, "导入冲突",
                    "数据库拒绝了本次写入，本次没有写入任何数据，请稍后重新上传"));
            }
        }
    }

    public static readonly FileRefusal Forbidden = new(StatusCodes.Status403Forbidden, "无权导入", RiskAreaRules.ForbiddenMessage);

    private static ProblemHttpResult Problem(FileRefusal refusal) =>
        TypedResults.Problem(refusal.Message, statusCode: refusal.Status, title: refusal.Title);
}
