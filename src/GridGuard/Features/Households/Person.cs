using GridGuard.Features.Jurisdictions;
using GridGuard.Platform.Audit;
using GridGuard.Platform.Auth;

namespace GridGuard.Features.Households;

/// <summary>居民 / 人员: anyone known to the registry (DOMAIN.md §2). Unique by (IdType, IdNumber).</summary>
public sealed class Person : IDirectoryRow
{
    public const int NameMaxLength = 50;
    public const int PhoneMaxLength = 20;
    public const int WorkplaceMaxLength = 100;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    public required string Name { get; set; }

    public IdType IdType { get; set; }

    /// <summary>Normalised (upper-case, 18 characters for resident ID cards); null when not yet known.</summary>
    public string? IdNumber { get; set; }

    /// <summary>Derived from a valid resident ID number and stored; entered by hand for other types.</summary>
    public DateOnly? BirthDate { get; set; }

    public Sex? Sex { get; set; }

    public string? Phone { get; set; }

    public Residency Residency { get; set; }

    public string? Workplace { get; set; }

    public PersonStatus Status { get; set; }

    /// <summary>The current household; the history is in <see cref="HouseholdMembership"/>.</summary>
    public Guid? HouseholdId { get; set; }

    public Household? Household { get; set; }

    /// <summary>The node the person belongs to: the household's grid, or where they were registered.</summary>
    public Guid JurisdictionId { get; set; }

    public Jurisdiction? Jurisdiction { get; set; }

    /// <summary>Groups that are recorded, not derived from age (see <see cref="VulnerableGroups"/>).</summary>
    public List<PersonVulnerableGroup> VulnerableGroups { get; set; } = [];

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }
}

/// <summary>户籍 / 常住 / 流动 / 租户.</summary>
public enum Residency
{
    Registered,
    Permanent,
    Floating,
    Tenant,
}

public enum PersonStatus
{
    Active,
    MovedOut,
    Deceased,
}

/// <summary>One recorded vulnerable group of a person (a person may have several).</summary>
public sealed class PersonVulnerableGroup : IAuditedUnder
{
    public Guid PersonId { get; set; }

    public VulnerableGroup Group { get; set; }

    Guid IAuditedUnder.AuditOwnerId => PersonId;
}
