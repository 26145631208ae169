using GridGuard.Platform.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GridGuard.Features.MassTesting.Collection;

/// <summary>
/// POST /api/testing-rounds/{id}/tubes: opens a tube (scan its barcode, choose 1, 5 or 10). Opening the same barcode
/// again in the same round answers its state; a barcode used in another round, a malformed one or another pool size is
/// refused naming the field. Goes through the same writer as the scans, in order with them.
/// </summary>
public static class OpenTube
{
    public sealed record Body(string? Barcode, int? PoolSize, Guid? SiteId, Guid? ClientId);

    public static RouteGroupBuilder MapOpenTube(this RouteGroupBuilder group)
    {
        group.MapPost("/{id:guid}/tubes", HandleAsync)
            .WithName("OpenTube")
            .WithSummary("开管：扫采样管条码并选择单管（1）、5合1或10合1");
        return group;
    }

    public static async Task<Results<Ok<ScanResult>, NotFound, ProblemHttpResult>> HandleAsync(Guid id, Body request,
        SamplingWriter writer, CurrentUser me, HttpContext http)
    {
        var scan = new Scan(request.ClientId ?? Guid.CreateVersion7(), request.Barcode, request.PoolSize, null, null, null, null,
            request.SiteId, false);
        return await TubeOperation.SendAsync(writer, me, http, id, scan);
    }
}

/// <summary>POST /api/testing-rounds/{id}/tubes/{barcode}/close: closes a tube by hand (封管) before it is full.</summary>
public static class CloseTube
{
    public sealed record Body(Guid? ClientId);

    public static RouteGroupBuilder MapCloseTube(this RouteGroupBuilder group)
    {
        group.MapPost("/{id:guid}/tubes/{barcode}/close", HandleAsync)
            .WithName("CloseTube")
            .WithSummary("手动封管（未满也可封管；已封管的再次封管不变）");
        return group;
    }

    public static async Task<Results<Ok<ScanResult>, NotFound, ProblemHttpResult>> HandleAsync(Guid id, string barcode,
        Body? request, SamplingWriter writer, CurrentUser me, HttpContext http)
    {
        var scan = new Scan(request?.ClientId ?? Guid.CreateVersion7(), barcode, null, null, null, null, null, null, true);
        return await TubeOperation.SendAsync(writer, me, http, id, scan);
    }
}

internal static class TubeOperation
{
    public static async Task<Results<Ok<ScanResult>, NotFound, ProblemHttpResult>> SendAsync(SamplingWriter writer,
        CurrentUser me, HttpContext http, Guid roundId, Scan scan)
    {
        var pending = SamplerRequest.Send(writer, me, roundId, [scan]);
        if (pending is null)
        {
            return SamplerRequest.Busy(http, writer);
        }

        var answer = await pending;
        if (!answer.RoundFound)
        {
            return TypedResults.NotFound();
        }

        var r = answer.Results[0];
        return r.Status == ScanStatus.Refused ? SamplerRequest.Refused(r) : TypedResults.Ok(r);
    }
}
