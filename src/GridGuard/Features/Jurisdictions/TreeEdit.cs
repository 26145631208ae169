using System.ComponentModel.DataAnnotations;
using GridGuard.Platform.Auth;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GridGuard.Features.Jurisdictions;

public enum EditStatus
{
    Ok,
    NotFound,
    Forbidden,
    Invalid,
}

/// <summary>
/// What a tree-editing use case returns: the changed node, or why nothing was written.
/// Errors are keyed by the request's property name and say the field in Chinese ("名称：不能为空").
/// Endpoints turn it into HTTP results, pages into validation messages.
/// </summary>
public sealed record EditResult(EditStatus Status, GetJurisdiction.NodeDto? Node, IReadOnlyDictionary<string, string[]> Errors)
{
    private static readonly Dictionary<string, string[]> None = [];

    public static EditResult Ok(Jurisdiction node) => new(EditStatus.Ok, GetJurisdiction.ToDto.Compile()(node), None);

    public static readonly EditResult NotFound = new(EditStatus.NotFound, null, None);

    public static EditResult Forbidden(string message) => new(EditStatus.Forbidden, null, new Dictionary<string, string[]> { [""] = [message] });

    public static EditResult Invalid(string field, string message) => Invalid(new Dictionary<string, string[]> { [field] = [message] });

    public static EditResult Invalid(IReadOnlyDictionary<string, string[]> errors) => new(EditStatus.Invalid, null, errors);

    public string? Message => Errors.Values.SelectMany(m => m).FirstOrDefault();

    /// <summary>200 with the node, 400 ValidationProblem, 404, or 403 ProblemDetails.</summary>
    public Results<Ok<GetJurisdiction.NodeDto>, ValidationProblem, NotFound, ProblemHttpResult> ToHttp() => Status switch
    {
        EditStatus.Ok => TypedResults.Ok(Node!),
        EditStatus.NotFound => TypedResults.NotFound(),
        EditStatus.Forbidden => TypedResults.Problem(Message, statusCode: StatusCodes.Status403Forbidden, title: "无权操作"),
        _ => ToValidationProblem(),
    };

    /// <summary>Keys are the request's property names, as in the framework's own validation answers.</summary>
    public ValidationProblem ToValidationProblem() => TypedResults.ValidationProblem(Errors, title: "输入有误");

    /// <summary>Shows field errors beside their inputs; errors without a field go to the summary.</summary>
    public void ShowOn(EditContext context, ValidationMessageStore store)
    {
        foreach (var (field, messages) in Errors)
        {
            store.Add(context.Field(field.Length == 0 ? "" : field), messages);
        }

        context.NotifyValidationStateChanged();
    }
}

/// <summary>Shared checks of the tree-editing use cases.</summary>
public static class TreeEdit
{
    private static readonly HashSet<Role> AdminOnly = [Role.Admin];

    /// <summary>May edit <paramref name="path"/> and create below it: a tree editor at that node or an ancestor.</summary>
    public static bool CanEdit(this CurrentUser me, string path) => me.HoldsAt(path, RoleNames.TreeEditors);

    /// <summary>
    /// May move or (de)activate the node: a tree editor over its parent, since the change takes the node out of
    /// (or back into) the parent's subtree. Holding a role at the node itself is not enough, so nobody can
    /// lock themselves out of their own home node. A root node only by an administrator holding it.
    /// </summary>
    public static bool CanRestructure(this CurrentUser me, Jurisdiction node) =>
        node.ParentId is null ? me.HoldsAt(node.Path, AdminOnly) : me.HoldsAt(ParentPath(node.Path), RoleNames.TreeEditors);

    /// <summary>"/530427/530427100/" → "/530427/".</summary>
    public static string ParentPath(string path) => path[..(path.LastIndexOf('/', path.Length - 2) + 1)];

    /// <summary>Runs the request's DataAnnotations, so handlers called from pages and APIs check the same shape.</summary>
    public static Dictionary<string, string[]> ShapeErrors(object request)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(request, new ValidationContext(request), results, validateAllProperties: true);
        return results
            .SelectMany(r => (r.MemberNames.Any() ? r.MemberNames : [""]).Select(m => (Member: m, r.ErrorMessage)))
            .GroupBy(x => x.Member)
            .ToDictionary(g => g.Key, g => g.Select(x => x.ErrorMessage ?? "输入有误").ToArray());
    }

    public static void Add(this Dictionary<string, string[]> errors, string field, string message) =>
        errors[field] = errors.TryGetValue(field, out var existing) ? [.. existing, message] : [message];
}
