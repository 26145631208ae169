using GridGuard.Platform.Web;

namespace GridGuard.Features.Jurisdictions.Pages;

/// <summary>Breadcrumbs of the tree pages: the node's ancestors within the user's scope, the node, then the action.</summary>
public static class JurisdictionTrail
{
    public static IReadOnlyList<Crumb> For(GetJurisdiction.Response data, string? action = null)
    {
        var crumbs = data.Ancestors.Select(a => new Crumb(a.Name, $"/jurisdictions/{a.Id}")).ToList();
        crumbs.Add(new Crumb(data.Node.Name, action is null ? null : $"/jurisdictions/{data.Node.Id}"));
        if (action is not null)
        {
            crumbs.Add(new Crumb(action, null));
        }

        return crumbs;
    }

    /// <summary>Fixed notices after a change; the query string only picks one, it never supplies text.</summary>
    public static string? Notice(string? key) => key switch
    {
        "created" => "已新建辖区。",
        "renamed" => "已重命名。",
        "moved" => "已移动（含全部下级）。",
        "deactivated" => "已停用（含全部下级）。",
        "reactivated" => "已重新启用。",
        _ => null,
    };
}
