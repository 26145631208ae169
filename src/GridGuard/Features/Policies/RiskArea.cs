namespace GridGuard.Features.Policies;

/// <summary>
/// 风险地区: a published place (any division code, optionally a free-text sub-area such as a compound) with a level
/// and a period [From, To) — To is exclusive and null while still in force (DOMAIN.md §5). County-wide data, not
/// scoped to a node: every staff member reads the same list.
/// </summary>
public sealed class RiskArea
{
    public const int SubAreaMaxLength = 100;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>A division code of 2, 4, 6, 9 or 12 digits (province … village).</summary>
    public required string PlaceCode { get; set; }

    /// <summary>The place's name as published (for display; the code is the key).</summary>
    public string? PlaceName { get; set; }

    public string? SubArea { get; set; }

    public RiskLevel Level { get; set; }

    public DateOnly From { get; set; }

    /// <summary>Exclusive end; null while the area is still listed.</summary>
    public DateOnly? To { get; set; }

    /// <summary>Where it was published (notice number, URL, file name).</summary>
    public string? Source { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }
}

/// <summary>
/// 管控规则 (one version): a named, versioned rulebook with an effective date, stored as the JSON of
/// <see cref="RulebookJson"/>. Versions are never edited in place: an edit saves a new version.
/// The policy in force on a date is the active version with the latest effective date on or before it.
/// </summary>
public sealed class Policy
{
    public const int NameMaxLength = 100;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    public required string Name { get; set; }

    public int Version { get; set; }

    public DateOnly EffectiveOn { get; set; }

    /// <summary>The rulebook as JSON (RulebookJson.Write).</summary>
    public required string Rules { get; set; }

    /// <summary>A withdrawn version is kept but never in force.</summary>
    public bool IsActive { get; set; } = true;

    /// <summary>Shipped with the app (Rulebooks/*.json) rather than written by staff.</summary>
    public bool IsShipped { get; set; }

    public Guid? CreatedById { get; set; }

    public DateTime CreatedAt { get; set; }
}
