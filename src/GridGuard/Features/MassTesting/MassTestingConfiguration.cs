using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GridGuard.Features.MassTesting;

public sealed class MassTestingRoundConfiguration : IEntityTypeConfiguration<MassTestingRound>
{
    public void Configure(EntityTypeBuilder<MassTestingRound> b)
    {
        b.ToTable("MassTestingRounds");
        b.HasKey(r => r.Id);
        b.Property(r => r.Name).HasMaxLength(MassTestingRound.NameMaxLength).IsRequired();
        b.Property(r => r.Status).HasMaxLength(16).IsRequired();
        b.HasIndex(r => new { r.JurisdictionId, r.OpenedAt });
        b.HasOne(r => r.Jurisdiction).WithMany().HasForeignKey(r => r.JurisdictionId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<GridGuard.Platform.Auth.AppUser>().WithMany().HasForeignKey(r => r.OpenedById).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class RoundMemberConfiguration : IEntityTypeConfiguration<RoundMember>
{
    public void Configure(EntityTypeBuilder<RoundMember> b)
    {
        b.ToTable("RoundMembers");
        b.HasKey(m => new { m.RoundId, m.PersonId });
        b.Property(m => m.Outcome).HasMaxLength(16).IsRequired();
        b.Property(m => m.Exemption).HasMaxLength(16);
        b.Property(m => m.ExemptionReason).HasMaxLength(RoundMember.ExemptionReasonMaxLength);
        // The grid's missing list: members of one node (the unsampled ones are filtered on the rows). FirstSampledAt is not
        // in the key, so a scan's update of a member touches no index (PostgreSQL: a HOT update, see PostgresAppDbContext).
        b.HasIndex(m => new { m.RoundId, m.JurisdictionId });
        b.HasIndex(m => new { m.PersonId, m.RoundId });
        b.HasOne<MassTestingRound>().WithMany().HasForeignKey(m => m.RoundId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(m => m.Person).WithMany().HasForeignKey(m => m.PersonId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(m => m.Jurisdiction).WithMany().HasForeignKey(m => m.JurisdictionId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<GridGuard.Platform.Auth.AppUser>().WithMany().HasForeignKey(m => m.ExemptedById).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class RoundTallyConfiguration : IEntityTypeConfiguration<RoundTally>
{
    public void Configure(EntityTypeBuilder<RoundTally> b)
    {
        b.ToTable("RoundTallies");
        b.HasKey(t => new { t.RoundId, t.JurisdictionId });
        b.HasOne<MassTestingRound>().WithMany().HasForeignKey(t => t.RoundId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(t => t.Jurisdiction).WithMany().HasForeignKey(t => t.JurisdictionId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class SamplingSiteConfiguration : IEntityTypeConfiguration<SamplingSite>
{
    public void Configure(EntityTypeBuilder<SamplingSite> b)
    {
        b.ToTable("SamplingSites");
        b.HasKey(s => s.Id);
        b.Property(s => s.Name).HasMaxLength(SamplingSite.NameMaxLength).IsRequired();
        b.Property(s => s.Address).HasMaxLength(SamplingSite.AddressMaxLength).IsRequired();
        b.Property(s => s.Staff).HasMaxLength(SamplingSite.StaffMaxLength);
        b.HasIndex(s => new { s.RoundId, s.Name }).IsUnique();
        b.HasOne(s => s.Round).WithMany().HasForeignKey(s => s.RoundId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(s => s.Jurisdiction).WithMany().HasForeignKey(s => s.JurisdictionId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(s => s.Slots).WithOne().HasForeignKey(x => x.SiteId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class SamplingSlotConfiguration : IEntityTypeConfiguration<SamplingSlot>
{
    public void Configure(EntityTypeBuilder<SamplingSlot> b)
    {
        b.ToTable("SamplingSlots");
        b.HasKey(s => s.Id);
        b.HasIndex(s => new { s.SiteId, s.StartsAt });
        b.HasIndex(s => new { s.GridId, s.StartsAt });
        b.HasOne(s => s.Grid).WithMany().HasForeignKey(s => s.GridId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class TubeConfiguration : IEntityTypeConfiguration<Tube>
{
    public void Configure(EntityTypeBuilder<Tube> b)
    {
        b.ToTable("Tubes");
        b.HasKey(t => t.Id);
        b.Property(t => t.Barcode).HasMaxLength(Tube.BarcodeMaxLength).IsRequired();
        b.Property(t => t.Status).HasMaxLength(8).IsRequired();
        b.Property(t => t.Result).HasMaxLength(16);
        b.Property(t => t.CorrectionReason).HasMaxLength(Tube.CorrectionReasonMaxLength);
        // A barcode is used once, in one round, ever.
        b.HasIndex(t => t.Barcode).IsUnique();
        b.HasIndex(t => new { t.RoundId, t.Status });
        b.HasOne<MassTestingRound>().WithMany().HasForeignKey(t => t.RoundId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<SamplingSite>().WithMany().HasForeignKey(t => t.SiteId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(t => t.Jurisdiction).WithMany().HasForeignKey(t => t.JurisdictionId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<GridGuard.Platform.Auth.AppUser>().WithMany().HasForeignKey(t => t.OpenedById).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<GridGuard.Platform.Auth.AppUser>().WithMany().HasForeignKey(t => t.ResultById).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class SamplingConfiguration : IEntityTypeConfiguration<Sampling>
{
    public void Configure(EntityTypeBuilder<Sampling> b)
    {
        b.ToTable("Samplings");
        b.HasKey(s => s.Id);
        b.Property(s => s.IdNumber).HasMaxLength(Sampling.IdNumberMaxLength);
        b.Property(s => s.Name).HasMaxLength(Sampling.NameMaxLength);
        b.Property(s => s.Outcome).HasMaxLength(16).IsRequired();
        // The device's id: a resent batch finds its scans here and changes nothing.
        b.HasIndex(s => s.ClientId).IsUnique();
        b.HasIndex(s => s.TubeId);
        b.HasIndex(s => new { s.PersonId, s.SampledAt });
        // The single-tube check asks every scan batch which persons have a positive: a small index of the positives only.
        b.HasIndex(s => s.PersonId, "IX_Samplings_PersonId_Positive").HasFilter("\"Outcome\" IN ('Positive', 'PooledPositive')");
        b.HasIndex(s => new { s.RoundId, s.PersonId });
        b.HasOne(s => s.Tube).WithMany().HasForeignKey(s => s.TubeId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<MassTestingRound>().WithMany().HasForeignKey(s => s.RoundId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<SamplingSite>().WithMany().HasForeignKey(s => s.SiteId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(s => s.Person).WithMany().HasForeignKey(s => s.PersonId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(s => s.Jurisdiction).WithMany().HasForeignKey(s => s.JurisdictionId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<GridGuard.Platform.Auth.AppUser>().WithMany().HasForeignKey(s => s.SamplerId).OnDelete(DeleteBehavior.Restrict);
    }
}
