using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GridGuard.Features.Canvassing.Coverage;

/// <summary>
/// The coverage counts of one node's own records (not its subtree), kept so that a roll-up reads one row per node
/// instead of counting a million persons (ADR 13). <see cref="Changes"/> is raised after every committed write that
/// touches the node's households, persons, vulnerable groups, key-person flags or visits; the counts are valid while
/// <see cref="ComputedAt"/> equals it, <see cref="ComputedFor"/> is the county's today (age groups move with the date)
/// and <see cref="CanvassId"/> is still the node's current canvass. Written only by raw SQL and the roll-up itself:
/// never audited, never shown to users as such.
/// </summary>
public sealed class NodeCoverage
{
    public Guid JurisdictionId { get; set; }

    /// <summary>Raised by every committed write to the node's records (<see cref="CoverageChanges"/>).</summary>
    public long Changes { get; set; }

    /// <summary>The value of <see cref="Changes"/> read before the counts were computed; 0 = never computed.</summary>
    public long ComputedAt { get; set; }

    public DateOnly? ComputedFor { get; set; }

    /// <summary>The node's current canvass when computed (the "not visited" count is relative to it).</summary>
    public Guid? CanvassId { get; set; }

    public int Households { get; set; }

    public int Persons { get; set; }

    public int HouseholdsWithoutSteward { get; set; }

    public int HouseholdsWithoutAddress { get; set; }

    public int PersonsWithoutHousehold { get; set; }

    public int HouseholdsUnvisited { get; set; }

    public int KeyPersons { get; set; }

    /// <summary>JSON object: category name → distinct persons with an open or confirmed flag.</summary>
    public string KeyPersonsByCategory { get; set; } = "{}";

    /// <summary>JSON object: vulnerable group name → persons (recorded and derived from age).</summary>
    public string VulnerableGroups { get; set; } = "{}";
}

public sealed class NodeCoverageConfiguration : IEntityTypeConfiguration<NodeCoverage>
{
    public void Configure(EntityTypeBuilder<NodeCoverage> b)
    {
        b.ToTable("NodeCoverages");
        b.HasKey(n => n.JurisdictionId);
        b.Property(n => n.KeyPersonsByCategory).HasMaxLength(2000).IsRequired();
        b.Property(n => n.VulnerableGroups).HasMaxLength(2000).IsRequired();
    }
}
