using GridGuard.Features.Households;
using GridGuard.Features.Jurisdictions;
using GridGuard.Platform.Auth;

namespace GridGuard.Features.Canvassing;

/// <summary>入户排查记录: one visit to a household — who was home, temperatures, symptoms, travel history.</summary>
public sealed class HouseholdVisit : IInJurisdiction
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid? CanvassId { get; set; }

    public Canvass? Canvass { get; set; }

    public Guid HouseholdId { get; set; }

    public Household? Household { get; set; }

    /// <summary>The household's grid at the time of the visit.</summary>
    public Guid JurisdictionId { get; set; }

    public Jurisdiction? Jurisdiction { get; set; }

    public Guid VisitorId { get; set; }

    public AppUser? Visitor { get; set; }

    public DateTime VisitedAt { get; set; }

    public string? Note { get; set; }

    public List<VisitMember> Members { get; set; } = [];
}

/// <summary>One member's state at a visit.</summary>
public sealed class VisitMember
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid VisitId { get; set; }

    public Guid PersonId { get; set; }

    public Person? Person { get; set; }

    public MemberPresence Presence { get; set; }

    /// <summary>Where an away member is (city or place).</summary>
    public string? AwayPlace { get; set; }

    /// <summary>°C with one decimal, for present members.</summary>
    public double? Temperature { get; set; }

    /// <summary>Comma-separated <see cref="Symptom"/> names; empty when none.</summary>
    public string Symptoms { get; set; } = "";

    public List<TravelStay> Travel { get; set; } = [];
}

public enum MemberPresence
{
    Present,
    Away,
    MovedOut,
}

/// <summary>Symptoms of DOMAIN.md §6: any one makes a check abnormal.</summary>
public enum Symptom
{
    Fever,
    Cough,
    Fatigue,
    SoreThroat,
    LossOfSmellOrTaste,
    Diarrhoea,
    ChestTightness,
    ShortnessOfBreath,
}

/// <summary>旅居史: one stay at a place with dates (inclusive), within the last 14 days by default.</summary>
public sealed class TravelStay
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid VisitMemberId { get; set; }

    /// <summary>Division code of the place (any length), when known.</summary>
    public string? PlaceCode { get; set; }

    public required string PlaceName { get; set; }

    public DateOnly From { get; set; }

    public DateOnly To { get; set; }
}
