using GridGuard.Features.Jurisdictions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GridGuard.Platform.Audit;

/// <summary>
/// One append-only line of the change log: who changed which entity when, with each changed
/// field's old and new value as JSON (<c>{"Name":["旧","新"]}</c>). Written by <see cref="AuditInterceptor"/>.
/// </summary>
public sealed class AuditEntry
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public DateTime At { get; set; }

    public Guid? UserId { get; set; }

    public required string UserName { get; set; }

    public required string Entity { get; set; }

    public required string EntityId { get; set; }

    public AuditAction Action { get; set; }

    /// <summary>JSON object: field → [old, new]. Secrets are masked, noise fields left out.</summary>
    public required string Changes { get; set; }

    /// <summary>The node the changed record belongs to, for scoping the log; null for users and system records.</summary>
    public Guid? JurisdictionId { get; set; }

    public Jurisdiction? Jurisdiction { get; set; }
}

public enum AuditAction
{
    Added,
    Modified,
    Deleted,

    /// <summary>A bulk operation (import, set-based update) summarised in one entry.</summary>
    Bulk,

    /// <summary>A sensitive value was viewed in full (e.g. an identity number).</summary>
    Viewed,
}

public sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.ToTable("AuditEntries");
        b.HasKey(a => a.Id);
        b.Property(a => a.UserName).HasMaxLength(64).IsRequired();
        b.Property(a => a.Entity).HasMaxLength(64).IsRequired();
        // 100: a two-part key (a round member: round id + person id) is 73 characters.
        b.Property(a => a.EntityId).HasMaxLength(100).IsRequired();
        b.Property(a => a.Action).HasMaxLength(16).IsRequired();
        b.Property(a => a.Changes).IsRequired();
        b.HasIndex(a => new { a.Entity, a.EntityId });
        b.HasIndex(a => new { a.UserId, a.At });
        b.HasIndex(a => a.At);
        b.HasIndex(a => a.JurisdictionId);
        b.HasOne(a => a.Jurisdiction).WithMany().HasForeignKey(a => a.JurisdictionId).OnDelete(DeleteBehavior.Restrict);
    }
}
