using GridGuard.Platform.Auth.Admin;

namespace GridGuard.Platform.Auth;

public static class AuthEndpoints
{
    public static WebApplication MapAuth(this WebApplication app)
    {
        var group = app.MapGroup("/api/auth").WithTags("认证").RequireAuthorization();
        group.MapIssueToken();
        group.MapGetMe();
        group.MapChangePassword();
        app.MapAdminUsers();
        return app;
    }
}
