using Microsoft.AspNetCore.Http.HttpResults;

namespace GridGuard.Platform.Auth;

/// <summary>GET /api/auth/me: who am I, and where do I hold roles.</summary>
public static class GetMe
{
    public sealed record Response(Guid UserId, string UserName, string DisplayName, IReadOnlyList<GrantDto> Grants);

    public sealed record GrantDto(Role Role, string RoleLabel, Guid JurisdictionId, string JurisdictionName);

    public static RouteGroupBuilder MapGetMe(this RouteGroupBuilder group)
    {
        group.MapGet("/me", Handle).WithName("GetMe").WithSummary("当前用户及其岗位");
        return group;
    }

    public static Ok<Response> Handle(CurrentUser me) =>
        TypedResults.Ok(new Response(
            me.UserId ?? Guid.Empty,
            me.UserName,
            me.DisplayName,
            me.Grants.Select(g => new GrantDto(g.Role, g.Role.Label(), g.JurisdictionId, g.JurisdictionName)).ToList()));
}
