using GridGuard.Features.Households.Import;
using GridGuard.Platform.Auth;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace GridGuard.Features.Venues.Import;

/// <summary>
/// POST /api/venues/import (multipart/form-data, field "file"): imports a venue list, one row per venue (columns in
/// <see cref="VenueColumns"/>), with the household list's plumbing (<see cref="ImportUpload"/>: size limit, xlsx/csv by
/// content, damaged files refused). The good rows go in; every bad row is reported with its row number, column and
/// reason. The page /venues/import calls <see cref="RunAsync"/> as well.
/// </summary>
public static class ImportVenues
{
    public const string ApiPath = "/api/venues/import";
    public const string PagePath = "/venues/import";

    /// <summary>Either the report of a run, or why the whole file was refused.</summary>
    public sealed record Outcome(ListImportReport? Report, FileRefusal? Refusal);

    public static RouteGroupBuilder MapImportVenues(this RouteGroupBuilder group)
    {
        group.MapPost("/import", HandleAsync)
            .Accepts<IFormFile>("multipart/form-data")
            .WithName("ImportVenues")
            .WithSummary("导入重点场所名单（xlsx 或 csv，每行一个场所；字段 file）：导入正确的行，逐行报告错误；同网格同名即更新");
        return group;
    }

    public static async Task<Results<Ok<ListImportReport>, ProblemHttpResult>> HandleAsync(
        HttpContext http, VenueImporter importer, CurrentUser me, IAntiforgery antiforgery,
        IOptions<ImportOptions> options, ILogger<VenueImporter> log, CancellationToken ct)
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

    /// <summary>The use case, shared by the API and the page: checks the user and the file, reads it, imports.</summary>
    public static async Task<Outcome> RunAsync(IFormFile? file, VenueImporter importer, CurrentUser me,
        ImportOptions options, ILogger log, CancellationToken ct)
    {
        if (!CanImport(me))
        {
            return new Outcome(null, Forbidden);
        }

        var (report, refusal) = await ListImport.RunAsync(file, options, VenueColumns.Sheet, VenueImportRow.Parse, importer.ImportAsync,
            "Venue list", me.UserName, log, ct);
        return new Outcome(report, refusal);
    }

    /// <summary>Anyone holding a registry-editor role somewhere; each grid is then checked row by row.</summary>
    public static bool CanImport(CurrentUser me) => me.Grants.Any(g => RoleNames.RegistryEditors.Contains(g.Role));

    public static readonly FileRefusal Forbidden = new(StatusCodes.Status403Forbidden, "无权导入",
        "您没有导入重点场所的权限（需要村（社区）干部、网格长、网格管理员等登记角色）");

    private static ProblemHttpResult Problem(FileRefusal refusal) =>
        TypedResults.Problem(refusal.Message, statusCode: refusal.Status, title: refusal.Title);
}
