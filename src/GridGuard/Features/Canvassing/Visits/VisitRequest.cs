namespace GridGuard.Features.Canvassing.Visits;

/// <summary>
/// One whole household visit, sent in one request. Enum values are their English names (Chinese words are accepted
/// too), so that a wrong value gets a Chinese message naming the field instead of a serializer error.
/// </summary>
public sealed record VisitRequest(Guid HouseholdId, string? Note, List<MemberInput>? Members, List<NewPersonInput>? NewPersons);

/// <summary>
/// A registered member's state. Presence: Present (在家), Away (外出, with AwayPlace) or MovedOut (迁出).
/// Temperature, symptoms and travel are recorded for present members only.
/// </summary>
public sealed record MemberInput(
    Guid PersonId,
    string? Presence,
    string? AwayPlace = null,
    double? Temperature = null,
    List<string>? Symptoms = null,
    List<TravelInput>? Travel = null,
    FlagInput? Flag = null);

/// <summary>
/// A person found at the visit who is not a member yet: added to the registry in this household, or linked when the
/// identity number is already known. New persons are present. Residency defaults to Floating (流动).
/// </summary>
public sealed record NewPersonInput(
    string? Name,
    string? IdType,
    string? IdNumber,
    string? Phone = null,
    string? Relation = null,
    string? Residency = null,
    double? Temperature = null,
    List<string>? Symptoms = null,
    List<TravelInput>? Travel = null,
    FlagInput? Flag = null);

/// <summary>A stay at a place, dates inclusive. PlaceCode is an optional division code (2–12 digits).</summary>
public sealed record TravelInput(string? PlaceName, string? PlaceCode, DateOnly? From, DateOnly? To);

/// <summary>A key-person flag set by the visitor. RiskLevel (High, Medium, Low) is for Returnee only.</summary>
public sealed record FlagInput(string? Category, string? RiskLevel = null, string? Note = null);

/// <summary>What the visit wrote.</summary>
public sealed record VisitResult(
    Guid VisitId,
    Guid? CanvassId,
    string? CanvassName,
    IReadOnlyList<VisitFlag> Flags,
    IReadOnlyList<VisitNewPerson> NewPersons,
    IReadOnlyList<string> Warnings);

public sealed record VisitFlag(Guid Id, Guid PersonId, string PersonName, string Category, string CategoryLabel, bool Automatic);

/// <summary>Linked = the identity number was already in the registry, so the person was moved here, not added.</summary>
public sealed record VisitNewPerson(Guid PersonId, string Name, bool Linked);
