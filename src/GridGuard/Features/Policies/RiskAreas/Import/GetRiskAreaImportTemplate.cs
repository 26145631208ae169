using GridGuard.Features.Households.Import;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GridGuard.Features.Policies.RiskAreas.Import;

/// <summary>GET /api/risk-areas/import/template?format=xlsx|csv: the risk-area list template (columns in <see cref="RiskAreaColumns"/>).</summary>
public static class GetRiskAreaImportTemplate
{
    public const string FileStem = "风险地区导入模板";

    public static RouteGroupBuilder MapGetRiskAreaImportTemplate(this RouteGroupBuilder group)
    {
        group.MapGet("/import/template", Handle)
            .WithName("GetRiskAreaImportTemplate")
            .WithSummary("下载风险地区导入模板（format=xlsx 或 csv；第 1 行说明，第 2 行列名，第 3 行起每行一个地区）");
        return group;
    }

    public static Results<FileContentHttpResult, ProblemHttpResult> Handle(string? format) =>
        ImportTemplate.Download(RiskAreaColumns.Sheet, RiskAreaColumns.Width, FileStem, format);
}
