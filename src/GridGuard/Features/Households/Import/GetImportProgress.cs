using GridGuard.Platform.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GridGuard.Features.Households.Import;

/// <summary>
/// GET /api/households/import/progress/{id}: how far the caller's own upload with that progress id has come (see
/// <see cref="ImportProgressBoard"/>). 404 while the upload is still arriving, for an unknown id, and for another
/// user's upload.
/// </summary>
public static class GetImportProgress
{
    public static RouteGroupBuilder MapGetImportProgress(this RouteGroupBuilder group)
    {
        group.MapGet("/import/progress/{id}", Handle)
            .WithName("GetImportProgress")
            .WithSummary("查看本人正在进行的户籍名单导入的进度（已读取、已导入、有错误的行数）");
        return group;
    }

    public static Results<Ok<ImportStatus>, NotFound> Handle(string id, CurrentUser me, ImportProgressBoard board, HttpContext http)
    {
        http.Response.Headers.CacheControl = "no-store";
        return me.UserId is { } user && ImportProgressBoard.IsValidId(id) && board.Get(user, id) is { } status
            ? TypedResults.Ok(status)
            : TypedResults.NotFound();
    }
}
