using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GridGuard.Features.ControlPlans;

public sealed class ArrivalReportConfiguration : IEntityTypeConfiguration<ArrivalReport>
{
    public void Configure(EntityTypeBuilder<ArrivalReport> b)
    {
        b.ToTable("ArrivalReports");
        b.HasKey(r => r.Id);
        b.Property(r => r.Name).HasMaxLength(50).IsRequired();
        b.Property(r => r.IdType).HasMaxLength(32).IsRequired();
        b.Property(r => r.IdNumber).HasMaxLength(32).IsRequired();
        b.Property(r => r.Phone).HasMaxLength(20).IsRequired();
        b.Property(r => r.StayAddress).HasMaxLength(ArrivalReport.AddressMaxLength).IsRequired();
        b.Property(r => r.FromPlaceCode).HasMaxLength(12);
        b.Property(r => r.FromPlaceName).HasMaxLength(100).IsRequired();
        b.Property(r => r.SenderHash).HasMaxLength(64);
        b.Property(r => r.Status).HasMaxLength(16).IsRequired();
        b.HasIndex(r => new { r.JurisdictionId, r.Status, r.CreatedAt });
        b.HasIndex(r => r.IdNumber);
        b.HasIndex(r => new { r.SenderHash, r.CreatedAt });
        b.HasIndex(r => r.PersonId);
        b.HasOne(r => r.Jurisdiction).WithMany().HasForeignKey(r => r.JurisdictionId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(r => r.Person).WithMany().HasForeignKey(r => r.PersonId).OnDelete(DeleteBehavior.SetNull);
        b.HasMany(r => r.Stays).WithOne().HasForeignKey(s => s.ArrivalReportId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class ArrivalStayConfiguration : IEntityTypeConfiguration<ArrivalStay>
{
    public void Configure(EntityTypeBuilder<ArrivalStay> b)
    {
        b.ToTable("ArrivalStays");
        b.HasKey(s => s.Id);
        b.Property(s => s.PlaceCode).HasMaxLength(12).IsRequired();
        b.Property(s => s.PlaceName).HasMaxLength(100);
        b.Property(s => s.SubArea).HasMaxLength(100);
        b.HasIndex(s => s.ArrivalReportId);
    }
}

public sealed class ControlPlanConfiguration : IEntityTypeConfiguration<ControlPlan>
{
    public void Configure(EntityTypeBuilder<ControlPlan> b)
    {
        b.ToTable("ControlPlans");
        b.HasKey(p => p.Id);
        b.Property(p => p.Source).HasMaxLength(16).IsRequired();
        b.Property(p => p.Category).HasMaxLength(32).IsRequired();
        b.Property(p => p.RiskLevel).HasMaxLength(8);
        b.Property(p => p.PolicyName).HasMaxLength(100);
        b.Property(p => p.RuleId).HasMaxLength(64);
        b.Property(p => p.ManualDecisionReason).HasMaxLength(200);
        b.Property(p => p.Exception).HasMaxLength(16).IsRequired();
        b.Property(p => p.ExceptionReason).HasMaxLength(200);
        b.Property(p => p.OneOff).HasMaxLength(24);
        b.Property(p => p.Status).HasMaxLength(16).IsRequired();
        b.HasIndex(p => new { p.JurisdictionId, p.Status, p.EndsOn });
        b.HasIndex(p => new { p.PersonId, p.Status });
        b.HasIndex(p => new { p.Status, p.PolicyId });
        b.HasOne(p => p.Person).WithMany().HasForeignKey(p => p.PersonId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(p => p.Jurisdiction).WithMany().HasForeignKey(p => p.JurisdictionId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<GridGuard.Features.Policies.Policy>().WithMany().HasForeignKey(p => p.PolicyId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(p => p.Phases).WithOne().HasForeignKey(x => x.ControlPlanId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(p => p.Tests).WithOne().HasForeignKey(x => x.ControlPlanId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class PlanPhaseConfiguration : IEntityTypeConfiguration<PlanPhase>
{
    public void Configure(EntityTypeBuilder<PlanPhase> b)
    {
        b.ToTable("PlanPhases");
        b.HasKey(x => x.Id);
        b.Property(x => x.Kind).HasMaxLength(24).IsRequired();
        b.Property(x => x.RuleKind).HasMaxLength(24).IsRequired();
        b.HasIndex(x => new { x.ControlPlanId, x.Number }).IsUnique();
    }
}

public sealed class PlanTestConfiguration : IEntityTypeConfiguration<PlanTest>
{
    public void Configure(EntityTypeBuilder<PlanTest> b)
    {
        b.ToTable("PlanTests");
        b.HasKey(x => x.Id);
        b.Property(x => x.Covers).HasMaxLength(200).IsRequired();
        b.Property(x => x.Result).HasMaxLength(8);
        b.HasIndex(x => new { x.ControlPlanId, x.Due });
        b.HasIndex(x => new { x.Due, x.Result });
    }
}
