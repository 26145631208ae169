using Microsoft.AspNetCore.WebUtilities;

namespace GridGuard.Platform.Web;

/// <summary>
/// Every ProblemDetails the app sends has a Chinese title: the framework's own 400/404/405/415… (malformed JSON, a bad
/// route value, a wrong method) carry English reason phrases, which a grid worker cannot read. A title the handler set
/// itself is kept.
/// </summary>
public static class ChineseProblemTitles
{
    private const string ValidationTitle = "One or more validation errors occurred.";

    private static readonly Dictionary<int, string> Titles = new()
    {
        [400] = "请求有误",
        [401] = "未登录或登录已过期",
        [403] = "没有权限",
        [404] = "未找到，或不在您的管辖范围内",
        [405] = "不支持该请求方法",
        [409] = "与现有数据冲突",
        [413] = "上传的内容过大",
        [415] = "不支持的内容类型",
        [422] = "无法处理的内容",
        [429] = "请求过于频繁，请稍后再试",
        [500] = "服务器内部错误，请稍后再试",
        [503] = "服务暂时不可用，请稍后再试",
    };

    public static void Apply(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        if (problem.Status is not { } status || !Titles.TryGetValue(status, out var chinese))
        {
            return;
        }

        var english = ReasonPhrases.GetReasonPhrase(status);
        if (problem.Title is null || problem.Title == english || problem.Title == ValidationTitle)
        {
            problem.Title = problem.Title == ValidationTitle ? "提交的内容有误" : chinese;
        }

        // A request the framework could not bind (malformed JSON, a number where text was expected, a bad query
        // value) reaches the client as a bare 400: say what to check.
        if (status == 400 && problem.Detail is null && problem is not HttpValidationProblemDetails)
        {
            problem.Detail = "请求内容无法解析：请检查 JSON 格式、字段类型和参数格式。";
        }
    }
}
