using GridGuard.Platform.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GridGuard.Features.MassTesting.Collection;

/// <summary>Sends a sampler's operations through <see cref="SamplingWriter"/> and maps the queue's answers to HTTP.</summary>
public static class SamplerRequest
{
    public static SamplingIngest.Job Job(CurrentUser me, Guid roundId, IReadOnlyList<Scan> scans) =>
        new(roundId, me.UserId!.Value, me.DisplayName, me.PathsWhere(MassTestingText.Samplers), scans);

    /// <summary>Null when the queue is full: answer <see cref="Busy"/>.</summary>
    public static Task<SamplingIngest.JobResult>? Send(SamplingWriter writer, CurrentUser me, Guid roundId, IReadOnlyList<Scan> scans) =>
        me.PathsWhere(MassTestingText.Samplers).Count == 0
            ? Task.FromResult(new SamplingIngest.JobResult(false, []))
            : writer.TryEnqueue(Job(me, roundId, scans));

    /// <summary>503 with Retry-After (the time the queue needs to drain): the device keeps its queue and resends later.</summary>
    public static ProblemHttpResult Busy(HttpContext http, SamplingWriter writer)
    {
        http.Response.Headers.RetryAfter = writer.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.Problem("采样服务繁忙，扫码已保存在本机，将自动重新上传", statusCode: StatusCodes.Status503ServiceUnavailable,
            title: "服务繁忙，请稍后重试");
    }

    /// <summary>One refused operation as ProblemDetails naming the field: 400 for bad input, 409 for a rule or state conflict.</summary>
    public static ProblemHttpResult Refused(ScanResult r) => TypedResults.Problem(new HttpValidationProblemDetails(
        new Dictionary<string, string[]> { [r.Field ?? "scan"] = [r.Reason ?? "采样被拒绝"] })
    {
        Status = r.Refusal == RefusalKind.Conflict ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest,
        Title = "采样被拒绝",
        Detail = r.Reason,
    });
}
