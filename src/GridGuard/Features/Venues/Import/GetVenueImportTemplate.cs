using GridGuard.Features.Households.Import;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GridGuard.Features.Venues.Import;

/// <summary>GET /api/venues/import/template?format=xlsx|csv: the venue list template (columns in <see cref="VenueColumns"/>).</summary>
public static class GetVenueImportTemplate
{
    public const string FileStem = "重点场所导入模板";

    public static RouteGroupBuilder MapGetVenueImportTemplate(this RouteGroupBuilder group)
    {
        group.MapGet("/import/template", Handle)
            .WithName("GetVenueImportTemplate")
            .WithSummary("下载重点场所导入模板（format=xlsx 或 csv；第 1 行说明，第 2 行列名，第 3 行起每行一个场所）");
        return group;
    }

    public static Results<FileContentHttpResult, ProblemHttpResult> Handle(string? format) =>
        ImportTemplate.Download(VenueColumns.Sheet, VenueColumns.Width, FileStem, format);
}
