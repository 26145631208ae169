using GridGuard.Features.Households.Import;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GridGuard.Features.MassTesting.Results.Import;

/// <summary>GET /api/lab-results/import/template?format=xlsx|csv: the result file template (columns in <see cref="ResultColumns"/>).</summary>
public static class GetResultImportTemplate
{
    public const string FileStem = "核酸检测结果导入模板";

    public static RouteGroupBuilder MapGetResultImportTemplate(this RouteGroupBuilder group)
    {
        group.MapGet("/import/template", Handle)
            .WithName("GetLabResultImportTemplate")
            .WithSummary("下载检测结果导入模板（format=xlsx 或 csv；第 1 行说明，第 2 行列名“条码”“结果”，第 3 行起每行一个采样管）");
        return group;
    }

    public static Results<FileContentHttpResult, ProblemHttpResult> Handle(string? format) =>
        ImportTemplate.Download(ResultColumns.Sheet, ResultColumns.Width, FileStem, format);
}
