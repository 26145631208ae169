using Microsoft.AspNetCore.Http.HttpResults;

namespace GridGuard.Features.Households.Import;

/// <summary>GET /api/households/import/template?format=xlsx|csv: the household list template (columns in <see cref="ImportColumns"/>).</summary>
public static class GetImportTemplate
{
    public const string FileStem = "户籍名单导入模板";

    public static RouteGroupBuilder MapGetImportTemplate(this RouteGroupBuilder group)
    {
        group.MapGet("/import/template", Handle)
            .WithName("GetHouseholdImportTemplate")
            .WithSummary("下载户籍名单导入模板（format=xlsx 或 csv；第 1 行说明，第 2 行列名，第 3 行起每行一人）");
        return group;
    }

    public static Results<FileContentHttpResult, ProblemHttpResult> Handle(string? format) =>
        (format ?? "xlsx").Trim().ToLowerInvariant() switch
        {
            "xlsx" => TypedResults.File(ImportTemplate.Xlsx(), ImportTemplate.XlsxContentType, FileStem + ".xlsx"),
            "csv" => TypedResults.File(ImportTemplate.Csv(), "text/csv; charset=utf-8", FileStem + ".csv"),
            _ => TypedResults.Problem($"format：“{format}”无效，应为 xlsx 或 csv", statusCode: StatusCodes.Status400BadRequest, title: "参数错误"),
        };
}
