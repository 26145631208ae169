using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GridGuard.Features.Quarantine;

public sealed class QuarantineSiteConfiguration : IEntityTypeConfiguration<QuarantineSite>
{
    public void Configure(EntityTypeBuilder<QuarantineSite> b)
    {
        b.ToTable("QuarantineSites");
        b.HasKey(s => s.Id);
        b.Property(s => s.Name).HasMaxLength(QuarantineSite.NameMaxLength).IsRequired();
        b.Property(s => s.Address).HasMaxLength(QuarantineSite.AddressMaxLength).IsRequired();
        b.Property(s => s.ResponsibleName).HasMaxLength(QuarantineSite.ResponsibleNameMaxLength).IsRequired();
        b.Property(s => s.ResponsiblePhone).HasMaxLength(20);
        b.Property(s => s.Status).HasMaxLength(16).IsRequired();
        // One name per node (SiteInput checks it first; the index wins a race).
        b.HasIndex(s => new { s.JurisdictionId, s.Name }).IsUnique();
        b.HasIndex(s => s.Status);
        b.HasOne(s => s.Jurisdiction).WithMany().HasForeignKey(s => s.JurisdictionId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(s => s.Rooms).WithOne().HasForeignKey(r => r.SiteId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class QuarantineRoomConfiguration : IEntityTypeConfiguration<QuarantineRoom>
{
    public void Configure(EntityTypeBuilder<QuarantineRoom> b)
    {
        b.ToTable("QuarantineRooms");
        b.HasKey(r => r.Id);
        b.Property(r => r.Code).HasMaxLength(QuarantineRoom.CodeMaxLength).IsRequired();
        b.Property(r => r.Status).HasMaxLength(16).IsRequired();
        b.Property(r => r.Version).IsConcurrencyToken();
        b.HasIndex(r => new { r.SiteId, r.Code }).IsUnique();
    }
}

public sealed class RoomAssignmentConfiguration : IEntityTypeConfiguration<RoomAssignment>
{
    public void Configure(EntityTypeBuilder<RoomAssignment> b)
    {
        b.ToTable("RoomAssignments");
        b.HasKey(a => a.Id);
        b.HasIndex(a => new { a.SiteId, a.CheckedOutAt });
        b.HasIndex(a => new { a.RoomId, a.CheckedOutAt });
        // One open placement per person: AssignRoom checks it first; the index wins a race.
        b.HasIndex(a => a.PersonId).IsUnique().HasFilter("\"CheckedOutAt\" IS NULL").HasDatabaseName("IX_RoomAssignments_PersonId_Open");
        b.HasIndex(a => new { a.PersonId, a.CheckedInAt });
        b.HasOne<QuarantineSite>().WithMany().HasForeignKey(a => a.SiteId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<QuarantineRoom>().WithMany().HasForeignKey(a => a.RoomId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(a => a.Person).WithMany().HasForeignKey(a => a.PersonId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<GridGuard.Features.ControlPlans.ControlPlan>().WithMany().HasForeignKey(a => a.ControlPlanId)
            .OnDelete(DeleteBehavior.Restrict);
        b.HasOne(a => a.Jurisdiction).WithMany().HasForeignKey(a => a.JurisdictionId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class TransferConfiguration : IEntityTypeConfiguration<Transfer>
{
    public void Configure(EntityTypeBuilder<Transfer> b)
    {
        b.ToTable("Transfers");
        b.HasKey(t => t.Id);
        b.Property(t => t.FromAddress).HasMaxLength(Transfer.AddressMaxLength);
        b.Property(t => t.VehiclePlate).HasMaxLength(Transfer.PlateMaxLength).IsRequired();
        b.Property(t => t.Crew).HasMaxLength(Transfer.CrewMaxLength).IsRequired();
        b.HasIndex(t => new { t.ToSiteId, t.DepartedAt });
        b.HasIndex(t => new { t.FromSiteId, t.DepartedAt });
        b.HasIndex(t => new { t.PersonId, t.DepartedAt });
        b.HasOne<QuarantineSite>().WithMany().HasForeignKey(t => t.ToSiteId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<QuarantineSite>().WithMany().HasForeignKey(t => t.FromSiteId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(t => t.Person).WithMany().HasForeignKey(t => t.PersonId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(t => t.Jurisdiction).WithMany().HasForeignKey(t => t.JurisdictionId).OnDelete(DeleteBehavior.Restrict);
    }
}
