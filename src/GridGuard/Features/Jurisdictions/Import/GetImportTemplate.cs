using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GridGuard.Features.Jurisdictions.Import;

/// <summary>GET /api/jurisdictions/import/template: a CSV template of our own nodes format, with two example rows.</summary>
public static class GetImportTemplate
{
    public const string FileName = "jurisdiction-nodes-template.csv";

    /// <summary>
    /// code,name,level,parentCode[,settlement]. Level is 小组/小区, 楼栋 or 网格 (or the national 省…村);
    /// an own code is its parent's code plus three digits. Settlement (城镇/农村) may be left empty.
    /// </summary>
    public const string Content = """
        code,name,level,parentCode,settlement
        530427100201001,大寨小组,小组,530427100201,农村
        530427100201001001,大寨第一网格,网格,530427100201001,
        530427100001001,阳光小区,小区,530427100001,城镇
        530427100001001001,阳光小区1栋,楼栋,530427100001001,
        530427100001001001001,1栋第一网格,网格,530427100001001001,

        """;

    public static RouteGroupBuilder MapGetImportTemplate(this RouteGroupBuilder group)
    {
        group.MapGet("/import/template", Handle)
            .WithName("GetImportTemplate")
            .WithSummary("下载节点导入模板（code,name,level,parentCode,settlement）");
        return group;
    }

    public static FileContentHttpResult Handle() =>
        // With a BOM, so that Excel opens the Chinese text as UTF-8.
        TypedResults.File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(Content.ReplaceLineEndings("\r\n"))).ToArray(),
            "text/csv; charset=utf-8", FileName);
}
