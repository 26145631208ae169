namespace GridGuard.Platform.Audit;

public static class AuditModule
{
    /// <summary>The log is read-only over HTTP: there is no endpoint that changes it.</summary>
    public static WebApplication MapAudit(this WebApplication app)
    {
        var group = app.MapGroup("/api/audit").WithTags("操作日志").RequireAuthorization();
        group.MapBrowseAudit();
        return app;
    }
}
