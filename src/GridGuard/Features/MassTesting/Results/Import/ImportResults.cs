using GridGuard.Features.Households.Import;
using GridGuard.Platform.Auth;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace GridGuard.Features.MassTesting.Results.Import;

/// <summary>
/// POST /api/lab-results/import (multipart/form-data, field "file"): a lab's result file (xlsx or csv, columns 条码 and
/// 结果) with the household list's upload rules (<see cref="ImportUpload"/>). The good rows are applied; every bad row is
/// reported with its row number, column and reason. Lab staff only. The page /lab-results/import calls
/// <see cref="RunAsync"/> as well.
/// </summary>
public static class ImportResults
{
    public sealed record Outcome(ListImportReport? Report, FileRefusal? Refusal);

    public static readonly FileRefusal Forbidden = new(StatusCodes.Status403Forbidden, "无权导入", RecordResult.ForbiddenMessage);

    public static RouteGroupBuilder MapImportResults(this RouteGroupBuilder group)
    {
        group.MapPost("/import", HandleAsync)
            .Accepts<IFormFile>("multipart/form-data")
            .WithName("ImportLabResults")
            .WithSummary("导入检测结果文件（xlsx 或 csv，列“条码”“结果”；字段 file）：处理正确的行，逐行报告错误；可重复上传");
        return group;
    }

    public static bool CanImport(CurrentUser me) => me.Grants.Any(g => MassTestingText.LabStaff.Contains(g.Role));

    public static async Task<Results<Ok<ListImportReport>, ProblemHttpResult>> HandleAsync(HttpContext http, ResultImporter importer,
        CurrentUser me, IAntiforgery antiforgery, IOptions<ImportOptions> options, ILogger<ResultImporter> log, CancellationToken ct)
    {
        if (!CanImport(me))
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

    public static async Task<Outcome> RunAsync(IFormFile? file, ResultImporter importer, CurrentUser me, ImportOptions options,
        ILogger log, CancellationToken ct)
    {
        if (!CanImport(me))
        {
            return new Outcome(null, Forbidden);
        }

        var (report, refusal) = await ListImport.RunAsync(file, options, ResultColumns.Sheet, ResultImportRow.Parse, importer.ImportAsync,
            "Lab result file", me.UserName, log, ct);
        return new Outcome(report, refusal);
    }

    private static ProblemHttpResult Problem(FileRefusal refusal) =>
        TypedResults.Problem(refusal.Message, statusCode: refusal.Status, title: refusal.Title);
}
