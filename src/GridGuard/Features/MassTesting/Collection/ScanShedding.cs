using System.Globalization;
using System.Text.Json;

namespace GridGuard.Features.MassTesting.Collection;

/// <summary>
/// Sheds sampler writes at the door while <see cref="SamplingWriter"/> is saturated: a POST to a round's samplings, batch
/// or tubes is answered 503 with Retry-After before authentication, body parsing or routing. Under a flood (10 × the
/// sustainable rate in the overload bench) the refusals then cost almost nothing, so the CPU and the thread pool stay
/// free for the writer that is committing the admitted scans. Requests that pass still meet the writer's own admission
/// check (<see cref="SamplingWriter.TryEnqueue"/>). The sampler page keeps refused scans and resends them.
/// </summary>
internal sealed class ScanShedding(SamplingWriter writer) : IStartupFilter
{
    private static readonly JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly byte[] Body = JsonSerializer.SerializeToUtf8Bytes(new
    {
        type = "https://tools.ietf.org/html/rfc9110#section-15.6.4",
        title = "服务繁忙，请稍后重试",
        status = StatusCodes.Status503ServiceUnavailable,
        detail = "采样服务繁忙，扫码已保存在本机，将自动重新上传",
    }, Json);

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (context, nextMiddleware) =>
        {
            if (writer.Saturated && HttpMethods.IsPost(context.Request.Method) && IsSamplerWrite(context.Request.Path))
            {
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                context.Response.Headers.RetryAfter = writer.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
                context.Response.ContentType = "application/problem+json; charset=utf-8";
                await context.Response.Body.WriteAsync(Body, context.RequestAborted);
                return;
            }

            await nextMiddleware(context);
        });
        next(app);
    };

    /// <summary>/api/testing-rounds/{id}/samplings, …/samplings/batch and …/tubes (paths of <see cref="RecordSampling"/>,
    /// <see cref="RecordSamplingBatch"/> and <see cref="OpenTube"/>).</summary>
    public static bool IsSamplerWrite(PathString path)
    {
        if (!path.StartsWithSegments("/api/testing-rounds", StringComparison.OrdinalIgnoreCase, out var rest))
        {
            return false;
        }

        var parts = rest.Value!.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length >= 2 && Guid.TryParse(parts[0], out _)
            && ((parts.Length == 2 && parts[1] is "samplings" or "tubes")
                || (parts.Length == 3 && parts[1] == "samplings" && parts[2] == "batch"));
    }
}
