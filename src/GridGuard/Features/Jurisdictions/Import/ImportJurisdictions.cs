using GridGuard.Platform.Auth;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace GridGuard.Features.Jurisdictions.Import;

/// <summary>
/// POST /api/jurisdictions/import (multipart/form-data: <c>file</c>, one CSV; optional <c>root</c>, a code prefix).
/// Tree editors only; every row must fall inside the caller's scope. Answers the <see cref="ImportReport"/>:
/// 200 when every row was written, 422 when any row is bad and nothing was written. A file that is not CSV or is too
/// large is refused with a ProblemDetails before any row is read. The page /jurisdictions/import calls
/// <see cref="ImportAsync"/> too.
/// </summary>
public static class ImportJurisdictions
{
    /// <summary>Room for the multipart framing and the root field around the file itself.</summary>
    private const long FormOverheadBytes = 64 * 1024;

    /// <summary>The form as the API describes it: the CSV file and an optional root code (only codes starting with it).</summary>
    public sealed record UploadForm(IFormFile File, string? Root);

    /// <summary>The outcome of one upload: a report (written, or with row errors), or a file-level problem.</summary>
    public sealed record Outcome(ImportReport? Report, UploadProblem? Problem);

    public static RouteGroupBuilder MapImportJurisdictions(this RouteGroupBuilder group)
    {
        group.MapPost("/import", HandleAsync)
            .WithName("ImportJurisdictions")
            .WithSummary("导入区划 CSV（china-division 或节点格式）：全部导入，或有错误时不导入任何数据")
            .Accepts<UploadForm>("multipart/form-data")
            .Produces<ImportReport>(StatusCodes.Status200OK)
            .Produces<ImportReport>(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        return group;
    }

    public static async Task<Results<Ok<ImportReport>, UnprocessableEntity<ImportReport>, ProblemHttpResult>> HandleAsync(
        HttpContext http, JurisdictionImporter importer, CurrentUser me, IOptions<ImportOptions> options, CancellationToken ct)
    {
        var max = options.Value.MaxUploadBytes;
        if (!http.Request.HasFormContentType)
        {
            return Problem(new UploadProblem(StatusCodes.Status415UnsupportedMediaType,
                "文件：请以 multipart/form-data 表单上传 CSV 文件（字段名 file）"));
        }

        if (http.Request.ContentLength > max + FormOverheadBytes)
        {
            return Problem(DivisionUpload.TooLarge(max));
        }

        // The body is read here, not by parameter binding, so that the limits are this endpoint's own and a body
        // over them is answered in Chinese rather than by the server.
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize)
        {
            bodySize.MaxRequestBodySize = max + FormOverheadBytes;
        }

        http.Features.Set<IFormFeature>(new FormFeature(http.Request, new FormOptions
        {
            MultipartBodyLengthLimit = max + FormOverheadBytes,
            ValueCountLimit = 16,
        }));
        IFormCollection form;
        try
        {
            form = await http.Request.ReadFormAsync(ct);
        }
        catch (Exception e) when (e is InvalidDataException or BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge })
        {
            return Problem(DivisionUpload.TooLarge(max));
        }

        var outcome = await ImportAsync(form.Files.GetFile("file"), form["root"], me, importer, max, ct);
        return outcome switch
        {
            { Problem: { } problem } => Problem(problem),
            { Report: { Written: true } report } => TypedResults.Ok(report),
            _ => TypedResults.UnprocessableEntity(outcome.Report),
        };
    }

    /// <summary>Shared with the page: who may import, the file checks, then the import with the caller's scope.</summary>
    public static async Task<Outcome> ImportAsync(IFormFile? file, string? root, CurrentUser me,
        JurisdictionImporter importer, long maxBytes, CancellationToken ct)
    {
        if (!me.Grants.Any(g => RoleNames.TreeEditors.Contains(g.Role)))
        {
            return new Outcome(null, new UploadProblem(StatusCodes.Status403Forbidden,
                "只有系统管理员、县指挥部、乡镇（街道）干部和村（社区）干部可以导入区划"));
        }

        root = string.IsNullOrWhiteSpace(root) ? null : root.Trim();
        if (root is not null && (root.Length > Jurisdiction.CodeMaxLength || root.AsSpan().ContainsAnyExceptInRange('0', '9')))
        {
            return new Outcome(null, new UploadProblem(StatusCodes.Status400BadRequest,
                $"根代码：只能由数字组成，最多 {Jurisdiction.CodeMaxLength} 位"));
        }

        if (file is null)
        {
            return new Outcome(null, new UploadProblem(StatusCodes.Status400BadRequest, "文件：请选择要导入的 CSV 文件（字段名 file）"));
        }

        if (DivisionUpload.CheckFile(file.FileName, file.ContentType, file.Length, maxBytes) is { } problem)
        {
            return new Outcome(null, problem);
        }

        await using var content = file.OpenReadStream();
        var (unreadable, rows, readErrors) = DivisionUpload.Read(content, root);
        if (unreadable is not null)
        {
            return new Outcome(null, unreadable);
        }

        var source = Path.GetFileName(file.FileName);
        var report = readErrors.Count > 0
            ? ImportReport.Failed(source, rows.Count + readErrors.Count, readErrors)
            : await importer.ImportAsync(source, rows, new ImportScope(path => me.HoldsAt(path, RoleNames.TreeEditors),
                me.Has(Role.Admin)), ct);
        return new Outcome(report, null);
    }

    private static ProblemHttpResult Problem(UploadProblem problem) => TypedResults.Problem(
        title: problem.Status switch
        {
            StatusCodes.Status403Forbidden => "无权导入",
            StatusCodes.Status413PayloadTooLarge => "文件过大",
            StatusCodes.Status415UnsupportedMediaType => "不是 CSV 文件",
            _ => "无法导入",
        },
        detail: problem.Message,
        statusCode: problem.Status);
}
