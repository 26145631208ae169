using GridGuard.Features.Households;
using GridGuard.Features.Policies;

namespace GridGuard.Features.Canvassing.Visits;

public sealed record ParsedTravel(string PlaceName, string? PlaceCode, DateOnly From, DateOnly To);

public sealed record ParsedFlag(KeyPersonCategory Category, RiskLevel? RiskLevel, string? Note);

public sealed record ParsedIdentity(string Name, IdType IdType, string IdNumber, DateOnly? BirthDate, Sex? Sex,
    string? Phone, string? Relation, Residency Residency);

/// <summary>One row of the visit: a registered member (PersonId) or a new person (Identity).</summary>
public sealed record ParsedEntry(int Index, Guid? PersonId, ParsedIdentity? Identity, MemberPresence Presence, string? AwayPlace,
    double? Temperature, IReadOnlyList<Symptom> Symptoms, IReadOnlyList<ParsedTravel> Travel, ParsedFlag? Flag)
{
    public bool IsNew => Identity is not null;

    public string Label => IsNew ? $"新增人员 {Index + 1}" : $"成员 {Index + 1}";

    public string Key => IsNew ? $"newPersons[{Index}]" : $"members[{Index}]";

    /// <summary>DOMAIN.md §6: abnormal when ≥ 37.3 °C or any symptom; such a present person is flagged Fever.</summary>
    public bool IsFeverish => Presence == MemberPresence.Present
        && (Temperature >= VisitRules.FeverThreshold || Symptoms.Count > 0);
}

public sealed record ParsedVisit(string? Note, IReadOnlyList<ParsedEntry> Entries);

/// <summary>A person already in the registry with an identity number given for a new person.</summary>
public sealed record KnownPerson(Guid Id, string Name, IdType IdType, string IdNumber, Guid? HouseholdId, PersonStatus Status);
