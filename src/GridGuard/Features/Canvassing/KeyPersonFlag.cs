using GridGuard.Features.Households;
using GridGuard.Features.Jurisdictions;
using GridGuard.Features.Policies;
using GridGuard.Platform.Auth;

namespace GridGuard.Features.Canvassing;

/// <summary>重点人员: a person flagged with a category by a visit, a self-report, a tip or by hand.</summary>
public sealed class KeyPersonFlag : IInJurisdiction
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid PersonId { get; set; }

    public Person? Person { get; set; }

    public KeyPersonCategory Category { get; set; }

    /// <summary>For returnees: the risk level of where they came from, when known.</summary>
    public RiskLevel? RiskLevel { get; set; }

    public Guid JurisdictionId { get; set; }

    public Jurisdiction? Jurisdiction { get; set; }

    public FlagSource Source { get; set; }

    /// <summary>The visit, tip or report that raised the flag.</summary>
    public Guid? SourceId { get; set; }

    public FlagStatus Status { get; set; }

    public string? Note { get; set; }

    public Guid? FlaggedById { get; set; }

    public DateTime FlaggedAt { get; set; }
}

/// <summary>重点人员类别 (DOMAIN.md §4).</summary>
public enum KeyPersonCategory
{
    FromEpidemicArea,
    Suspected,
    Fever,
    CloseContact,
    SecondaryContact,
    Spillover,
    Returnee,
    InboundTraveler,
    ColdChainWorker,

    /// <summary>“三返”: returning to work, post or school (003).</summary>
    WorkStudyReturnee,

    /// <summary>“四外”: out for work, study, travel or business (003).</summary>
    Outbound,
}

public enum FlagSource
{
    Visit,
    SelfReport,
    Tip,
    Manual,
    Import,
}

public enum FlagStatus
{
    Open,
    Confirmed,
    Cleared,
}
