namespace GridGuard.Platform.Audit;

/// <summary>Chinese names for the audit page. Unknown entity types are shown by their code name.</summary>
public static class AuditLabels
{
    private static readonly Dictionary<string, string> Entities = new(StringComparer.Ordinal)
    {
        ["Jurisdiction"] = "辖区",
        ["AppUser"] = "用户",
        ["RoleAssignment"] = "岗位",
    };

    public static string Entity(string entity) => Entities.GetValueOrDefault(entity, entity);

    public static string Action(AuditAction action) => action switch
    {
        AuditAction.Added => "新增",
        AuditAction.Modified => "修改",
        AuditAction.Deleted => "删除",
        AuditAction.Bulk => "批量操作",
        AuditAction.Viewed => "查看",
        _ => action.ToString(),
    };
}
