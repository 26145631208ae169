using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GridGuard.Features.Monitoring;

public sealed class HealthCheckConfiguration : IEntityTypeConfiguration<HealthCheck>
{
    public void Configure(EntityTypeBuilder<HealthCheck> b)
    {
        b.ToTable("HealthChecks");
        b.HasKey(c => c.Id);
        b.Property(c => c.Symptoms).HasMaxLength(200).IsRequired();
        b.Property(c => c.Note).HasMaxLength(HealthCheck.NoteMaxLength);
        b.HasIndex(c => new { c.ControlPlanId, c.CheckedAt });
        b.HasIndex(c => new { c.JurisdictionId, c.CheckedAt });
        b.HasOne(c => c.ControlPlan).WithMany().HasForeignKey(c => c.ControlPlanId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(c => c.Person).WithMany().HasForeignKey(c => c.PersonId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(c => c.Jurisdiction).WithMany().HasForeignKey(c => c.JurisdictionId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(c => c.CheckedBy).WithMany().HasForeignKey(c => c.CheckedById).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class WorkTaskConfiguration : IEntityTypeConfiguration<WorkTask>
{
    public void Configure(EntityTypeBuilder<WorkTask> b)
    {
        b.ToTable("WorkTasks");
        b.HasKey(t => t.Id);
        b.Property(t => t.Kind).HasMaxLength(16).IsRequired();
        b.Property(t => t.Status).HasMaxLength(8).IsRequired();
        b.Property(t => t.Key).HasMaxLength(WorkTask.KeyMaxLength).IsRequired();
        b.Property(t => t.Destination).HasMaxLength(24);
        b.Property(t => t.Vehicle).HasMaxLength(WorkTask.VehicleMaxLength);
        b.Property(t => t.Crew).HasMaxLength(WorkTask.CrewMaxLength);
        b.Property(t => t.Note).HasMaxLength(WorkTask.NoteMaxLength);
        b.HasIndex(t => t.Key).IsUnique();
        // The task inbox: tasks of the nodes in scope, open or done, in (priority, due, id) keyset order.
        b.HasIndex(t => new { t.JurisdictionId, t.Status, t.Priority, t.DueAt, t.Id });
        b.HasIndex(t => new { t.Status, t.EscalatedAt, t.DueAt });
        b.HasIndex(t => new { t.ControlPlanId, t.Kind });
        b.HasIndex(t => new { t.RoundId, t.Kind });
        b.HasOne(t => t.Jurisdiction).WithMany().HasForeignKey(t => t.JurisdictionId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(t => t.Person).WithMany().HasForeignKey(t => t.PersonId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<GridGuard.Features.ControlPlans.ControlPlan>().WithMany().HasForeignKey(t => t.ControlPlanId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<HealthCheck>().WithMany().HasForeignKey(t => t.HealthCheckId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<GridGuard.Features.ControlPlans.PlanTest>().WithMany().HasForeignKey(t => t.PlanTestId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<GridGuard.Features.MassTesting.MassTestingRound>().WithMany().HasForeignKey(t => t.RoundId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(t => t.ClosedBy).WithMany().HasForeignKey(t => t.ClosedById).OnDelete(DeleteBehavior.Restrict);
    }
}
