namespace GridGuard.Features.Jurisdictions;

/// <summary>辖区: one node of the administrative tree (DOMAIN.md §1).</summary>
public sealed class Jurisdiction
{
    public const int CodeMaxLength = 24;
    public const int NameMaxLength = 100;
    public const int PathMaxLength = 400;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>GB/T 2260 or statistical code; own levels extend their parent's code. Unique.</summary>
    public required string Code { get; set; }

    public required string Name { get; set; }

    public JurisdictionLevel Level { get; set; }

    public Guid? ParentId { get; set; }

    public Jurisdiction? Parent { get; set; }

    /// <summary>
    /// Materialised path of codes from the tree's root, e.g. "/530427/530427100/".
    /// A subtree is every node whose Path starts with the root's Path.
    /// </summary>
    public required string Path { get; set; }

    public int Depth { get; set; }

    /// <summary>Urban (社区) or rural (村); set on villages, inherited below. May be overridden.</summary>
    public Settlement? Settlement { get; set; }

    /// <summary>Deactivated nodes are kept (records may point at them) but hidden from pickers.</summary>
    public bool IsActive { get; set; } = true;

    /// <summary>Optional GeoJSON geometry of the node's boundary.</summary>
    public string? Boundary { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public static string ChildPath(string? parentPath, string code) => (parentPath ?? "/") + code + "/";
}

public enum JurisdictionLevel
{
    Province,
    City,
    County,
    Township,
    Village,
    Compound,
    Building,
    Grid,
}

public enum Settlement
{
    Urban,
    Rural,
}
