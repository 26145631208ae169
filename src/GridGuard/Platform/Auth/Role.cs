namespace GridGuard.Platform.Auth;

/// <summary>Roles of GLOSSARY.md plus the command and administration roles. Held at a node.</summary>
public enum Role
{
    Admin,
    CountyCommander,
    TownshipOfficer,
    VillageOfficer,
    FirstGridLeader,
    GridLeader,
    GridManager,
    HealthInformant,
    GridOfficer,
    GridSupervisor,
    Steward,
    Volunteer,
    MedicalStaff,
}

public static class RoleNames
{
    /// <summary>Chinese labels for the UI.</summary>
    public static string Label(this Role role) => role switch
    {
        Role.Admin => "系统管理员",
        Role.CountyCommander => "县指挥部",
        Role.TownshipOfficer => "乡镇（街道）干部",
        Role.VillageOfficer => "村（社区）干部",
        Role.FirstGridLeader => "第一网格长",
        Role.GridLeader => "网格长",
        Role.GridManager => "网格管理员",
        Role.HealthInformant => "疫情信息员",
        Role.GridOfficer => "网格警员",
        Role.GridSupervisor => "网格监督员",
        Role.Steward => "包户责任人",
        Role.Volunteer => "志愿者",
        Role.MedicalStaff => "医务人员",
        _ => role.ToString(),
    };

    /// <summary>Roles that may see identity numbers whole (each full view is audited); everyone else sees them masked.</summary>
    public static readonly IReadOnlySet<Role> IdNumberViewers = new HashSet<Role>
    {
        Role.Admin, Role.CountyCommander, Role.TownshipOfficer, Role.VillageOfficer, Role.GridOfficer,
    };

    /// <summary>Roles that may add and change households and persons inside their scope.</summary>
    public static readonly IReadOnlySet<Role> RegistryEditors = new HashSet<Role>
    {
        Role.Admin, Role.CountyCommander, Role.TownshipOfficer, Role.VillageOfficer,
        Role.FirstGridLeader, Role.GridLeader, Role.GridManager,
    };

    /// <summary>Roles that may assign stewards to households (village leaders and above).</summary>
    public static readonly IReadOnlySet<Role> StewardshipManagers = new HashSet<Role>
    {
        Role.Admin, Role.CountyCommander, Role.TownshipOfficer, Role.VillageOfficer, Role.FirstGridLeader, Role.GridLeader,
    };

    /// <summary>Roles that record household visits (canvassing) inside their scope.</summary>
    public static readonly IReadOnlySet<Role> Visitors = new HashSet<Role>
    {
        Role.Admin, Role.CountyCommander, Role.TownshipOfficer, Role.VillageOfficer, Role.FirstGridLeader,
        Role.GridLeader, Role.GridManager, Role.Steward, Role.HealthInformant, Role.MedicalStaff, Role.Volunteer,
    };

    /// <summary>Roles that may edit the jurisdiction tree inside their scope.</summary>
    public static readonly IReadOnlySet<Role> TreeEditors = new HashSet<Role>
    {
        Role.Admin, Role.CountyCommander, Role.TownshipOfficer, Role.VillageOfficer,
    };

    /// <summary>County command staff: maintain the risk-area list and the policy rulebooks (read by everyone).</summary>
    public static readonly IReadOnlySet<Role> PolicyEditors = new HashSet<Role> { Role.Admin, Role.CountyCommander };
}
