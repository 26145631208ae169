using System.Globalization;
using GridGuard.Features.Canvassing.Visits;

namespace GridGuard.Features.Canvassing.Pages;

/// <summary>
/// The visit page's form (bound from the posted fields, never an entity). Values stay text so that anything typed
/// comes back to the handler, which owns every rule and message. Blank travel rows and blank new-person rows are dropped.
/// </summary>
public sealed class VisitForm
{
    /// <summary>The clicked button: "save", "add-person", "add-travel:m:{i}" or "add-travel:n:{j}".</summary>
    public string? Action { get; set; }

    public string? Note { get; set; }

    public List<MemberForm> Members { get; set; } = [];

    public List<NewPersonForm> NewPersons { get; set; } = [];

    public VisitRequest ToRequest(Guid householdId) => new(
        householdId,
        Note,
        Members.Select(m => new MemberInput(m.PersonId, m.Presence, m.AwayPlace, m.ParsedTemperature, m.CheckedSymptoms,
            m.FilledTravel, m.Flag)).ToList(),
        NewPersons.Where(n => !n.IsBlank).Select(n => new NewPersonInput(n.Name, n.IdType, n.IdNumber, n.Phone, n.Relation,
            n.Residency, n.ParsedTemperature, n.CheckedSymptoms, n.FilledTravel, n.Flag)).ToList());

    /// <summary>Form binding leaves collections that were not posted null; this makes them empty again.</summary>
    public VisitForm Normalize()
    {
        Members ??= [];
        NewPersons ??= [];
        foreach (var row in Members.Cast<HealthForm>().Concat(NewPersons))
        {
            row.Symptoms ??= [];
            row.Travel ??= [];
        }

        return this;
    }

    /// <summary>Applies an "add a row" button; false when the action is a save.</summary>
    public bool ApplyRowAction()
    {
        var parts = (Action ?? "").Split(':');
        switch (parts)
        {
            case ["add-person"]:
                NewPersons.Add(new NewPersonForm { Travel = [new()] });
                return true;
            case ["add-travel", "m", var i] when int.TryParse(i, CultureInfo.InvariantCulture, out var m) && m >= 0 && m < Members.Count:
                Members[m].Travel.Add(new());
                return true;
            case ["add-travel", "n", var j] when int.TryParse(j, CultureInfo.InvariantCulture, out var n) && n >= 0 && n < NewPersons.Count:
                NewPersons[n].Travel.Add(new());
                return true;
            default:
                return false;
        }
    }
}

/// <summary>Temperature, symptoms, travel and a flag: what every present person gets.</summary>
public class HealthForm
{
    public string? Temperature { get; set; }

    /// <summary>Symptom name → checked ("true"); unchecked boxes post nothing.</summary>
    public Dictionary<string, string> Symptoms { get; set; } = [];

    public List<TravelForm> Travel { get; set; } = [];

    public string? FlagCategory { get; set; }

    public string? FlagRiskLevel { get; set; }

    /// <summary>Unreadable text becomes NaN, which the handler refuses with the range message.</summary>
    public double? ParsedTemperature => string.IsNullOrWhiteSpace(Temperature) ? null
        : double.TryParse(Temperature.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var t) ? t : double.NaN;

    public List<string> CheckedSymptoms => Symptoms.Where(s => s.Value is "true" or "on").Select(s => s.Key).ToList();

    public bool Has(Symptom symptom) => Symptoms.TryGetValue(symptom.ToString(), out var v) && v is "true" or "on";

    public List<TravelInput> FilledTravel => Travel.Where(t => !t.IsBlank)
        .Select(t => new TravelInput(t.PlaceName, t.PlaceCode, t.From, t.To)).ToList();

    public FlagInput? Flag => string.IsNullOrWhiteSpace(FlagCategory) && string.IsNullOrWhiteSpace(FlagRiskLevel)
        ? null : new FlagInput(FlagCategory, FlagRiskLevel);
}

public sealed class MemberForm : HealthForm
{
    public Guid PersonId { get; set; }

    public string Presence { get; set; } = nameof(MemberPresence.Present);

    public string? AwayPlace { get; set; }
}

public sealed class NewPersonForm : HealthForm
{
    public string? Name { get; set; }

    public string IdType { get; set; } = nameof(Households.IdType.ResidentIdCard);

    public string? IdNumber { get; set; }

    public string? Phone { get; set; }

    public string? Relation { get; set; }

    public string Residency { get; set; } = nameof(Households.Residency.Floating);

    public bool IsBlank => string.IsNullOrWhiteSpace(Name) && string.IsNullOrWhiteSpace(IdNumber) && string.IsNullOrWhiteSpace(Phone);
}

public sealed class TravelForm
{
    public string? PlaceName { get; set; }

    public string? PlaceCode { get; set; }

    public DateOnly? From { get; set; }

    public DateOnly? To { get; set; }

    public bool IsBlank => string.IsNullOrWhiteSpace(PlaceName) && string.IsNullOrWhiteSpace(PlaceCode) && From is null && To is null;
}
