using GridGuard.Features.Jurisdictions;
using GridGuard.Platform.Audit;
using GridGuard.Platform.Auth;

namespace GridGuard.Features.Households;

/// <summary>户: a dwelling unit at an address in one grid, with its members and exactly one steward (包户责任人).</summary>
public sealed class Household : IDirectoryRow
{
    public const int AddressMaxLength = 200;
    public const int UnitMaxLength = 20;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>The grid (or the lowest known node) the household lies in.</summary>
    public Guid JurisdictionId { get; set; }

    public Jurisdiction? Jurisdiction { get; set; }

    /// <summary>单元 (urban buildings).</summary>
    public string? Unit { get; set; }

    /// <summary>室 / 门牌号.</summary>
    public string? Room { get; set; }

    /// <summary>Free-text address as people say it; village, compound and building come from the grid's ancestors.</summary>
    public string? Address { get; set; }

    public Guid? HeadId { get; set; }

    public Person? Head { get; set; }

    /// <summary>包户责任人: a user holding <see cref="Role.Steward"/>. Null means "no steward yet" (a coverage gap).</summary>
    public Guid? StewardId { get; set; }

    public AppUser? Steward { get; set; }

    public bool IsRental { get; set; }

    public string? LandlordName { get; set; }

    public string? LandlordPhone { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }
}

/// <summary>A person's stay in a household, kept when they move: [From, To), To null while current.</summary>
public sealed class HouseholdMembership : IAuditedUnder
{
    Guid IAuditedUnder.AuditOwnerId => PersonId;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid PersonId { get; set; }

    public Person? Person { get; set; }

    public Guid HouseholdId { get; set; }

    public Household? Household { get; set; }

    /// <summary>与户主关系, e.g. 户主, 配偶, 子女, 父母, 租户.</summary>
    public string? Relation { get; set; }

    public DateOnly From { get; set; }

    public DateOnly? To { get; set; }
}
