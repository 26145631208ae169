using GridGuard.Platform.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GridGuard.Features.ControlPlans.Release;

/// <summary>
/// 解除签字: one of the two signatures a release needs (DOMAIN.md §6, 004): the steward's (包保干部) and the medical
/// staff's (包保医务人员), from two different users. Audited under the plan.
/// </summary>
public sealed class PlanSignature : IAuditedUnder
{
    Guid IAuditedUnder.AuditOwnerId => ControlPlanId;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid ControlPlanId { get; set; }

    public SignatureKind Kind { get; set; }

    public Guid UserId { get; set; }

    /// <summary>The signer's display name at the time of signing (printed on the certificate).</summary>
    public required string SignerName { get; set; }

    public DateTime SignedAt { get; set; }
}

public enum SignatureKind
{
    /// <summary>包保干部.</summary>
    Steward,

    /// <summary>包保医务人员.</summary>
    Medical,
}

public sealed class PlanSignatureConfiguration : IEntityTypeConfiguration<PlanSignature>
{
    public void Configure(EntityTypeBuilder<PlanSignature> b)
    {
        b.ToTable("PlanSignatures");
        b.HasKey(x => x.Id);
        b.Property(x => x.Kind).HasMaxLength(16).IsRequired();
        b.Property(x => x.SignerName).HasMaxLength(100).IsRequired();
        b.HasIndex(x => new { x.ControlPlanId, x.Kind }).IsUnique(); // one signature of each kind
        b.HasIndex(x => new { x.ControlPlanId, x.UserId }).IsUnique(); // two different users
        b.HasOne<ControlPlan>().WithMany().HasForeignKey(x => x.ControlPlanId).OnDelete(DeleteBehavior.Cascade);
    }
}
