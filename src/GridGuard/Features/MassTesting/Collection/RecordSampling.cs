using GridGuard.Platform.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GridGuard.Features.MassTesting.Collection;

/// <summary>
/// POST /api/testing-rounds/{id}/samplings: one scan, as a sampler's phone sends it while online — a person (个人码 or
/// ID number) into a tube (barcode; the pool size opens a new tube). 201 with the tube's state and any warning (a second
/// sampling in the round); 200 when the client id was seen before (nothing changed); 400/409 naming the field when
/// refused (a single-tube person into a pooled tube, a closed tube, a barcode of another round, a bad checksum, a person
/// outside the round); 503 with Retry-After when the server is saturated.
/// </summary>
public static class RecordSampling
{
    public static RouteGroupBuilder MapRecordSampling(this RouteGroupBuilder group)
    {
        group.MapPost("/{id:guid}/samplings", HandleAsync)
            .WithName("RecordSampling")
            .WithSummary("采样扫码（一人一次；clientId 由设备生成，重复提交不会重复记录）");
        return group;
    }

    public static async Task<Results<Created<ScanResult>, Ok<ScanResult>, NotFound, ProblemHttpResult>> HandleAsync(Guid id,
        Scan request, SamplingWriter writer, CurrentUser me, HttpContext http)
    {
        if (request.ClientId is null)
        {
            return SamplerRequest.Refused(ScanResult.Refused(null, "clientId", "客户端编号：不能为空（每次扫码由设备生成一个编号）"));
        }

        if (!request.HasPerson)
        {
            return SamplerRequest.Refused(ScanResult.Refused(request.ClientId, "idNumber", "人员：请扫个人码或输入身份证号"));
        }

        var pending = SamplerRequest.Send(writer, me, id, [request]);
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
        return r.Status switch
        {
            ScanStatus.Accepted => TypedResults.Created($"/api/testing-rounds/{id}/tubes/{r.Tube}", r),
            ScanStatus.Duplicate => TypedResults.Ok(r),
            _ => SamplerRequest.Refused(r),
        };
    }
}
