namespace GridGuard.Features.MassTesting.Rounds;

/// <summary>The API body and the page's form of opening a round. Times are county-local ("2022-11-25T08:00").</summary>
public sealed class RoundForm
{
    public string? Name { get; set; }

    public Guid? JurisdictionId { get; set; }

    public DateTime? StartsAt { get; set; }

    public DateTime? EndsAt { get; set; }
}
