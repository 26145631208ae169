using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GridGuard.Features.Canvassing;

public sealed class CanvassConfiguration : IEntityTypeConfiguration<Canvass>
{
    public void Configure(EntityTypeBuilder<Canvass> b)
    {
        b.ToTable("Canvasses");
        b.HasKey(c => c.Id);
        b.Property(c => c.Name).HasMaxLength(Canvass.NameMaxLength).IsRequired();
        b.HasIndex(c => new { c.JurisdictionId, c.StartsOn });
        b.HasOne(c => c.Jurisdiction).WithMany().HasForeignKey(c => c.JurisdictionId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class HouseholdVisitConfiguration : IEntityTypeConfiguration<HouseholdVisit>
{
    public void Configure(EntityTypeBuilder<HouseholdVisit> b)
    {
        b.ToTable("HouseholdVisits");
        b.HasKey(v => v.Id);
        b.Property(v => v.Note).HasMaxLength(500);
        b.HasIndex(v => new { v.HouseholdId, v.VisitedAt });
        b.HasIndex(v => new { v.CanvassId, v.HouseholdId });
        b.HasIndex(v => v.JurisdictionId);
        b.HasIndex(v => v.VisitorId);
        b.HasOne(v => v.Canvass).WithMany().HasForeignKey(v => v.CanvassId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(v => v.Household).WithMany().HasForeignKey(v => v.HouseholdId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(v => v.Jurisdiction).WithMany().HasForeignKey(v => v.JurisdictionId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(v => v.Visitor).WithMany().HasForeignKey(v => v.VisitorId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(v => v.Members).WithOne().HasForeignKey(m => m.VisitId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class VisitMemberConfiguration : IEntityTypeConfiguration<VisitMember>
{
    public void Configure(EntityTypeBuilder<VisitMember> b)
    {
        b.ToTable("VisitMembers");
        b.HasKey(m => m.Id);
        b.Property(m => m.Presence).HasMaxLength(16).IsRequired();
        b.Property(m => m.AwayPlace).HasMaxLength(100);
        b.Property(m => m.Symptoms).HasMaxLength(200).IsRequired();
        b.HasIndex(m => m.VisitId);
        b.HasIndex(m => m.PersonId);
        b.HasOne(m => m.Person).WithMany().HasForeignKey(m => m.PersonId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(m => m.Travel).WithOne().HasForeignKey(t => t.VisitMemberId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class TravelStayConfiguration : IEntityTypeConfiguration<TravelStay>
{
    public void Configure(EntityTypeBuilder<TravelStay> b)
    {
        b.ToTable("TravelStays");
        b.HasKey(t => t.Id);
        b.Property(t => t.PlaceCode).HasMaxLength(24);
        b.Property(t => t.PlaceName).HasMaxLength(100).IsRequired();
        b.HasIndex(t => t.VisitMemberId);
    }
}

public sealed class KeyPersonFlagConfiguration : IEntityTypeConfiguration<KeyPersonFlag>
{
    public void Configure(EntityTypeBuilder<KeyPersonFlag> b)
    {
        b.ToTable("KeyPersonFlags");
        b.HasKey(f => f.Id);
        b.Property(f => f.Category).HasMaxLength(32).IsRequired();
        b.Property(f => f.RiskLevel).HasMaxLength(8);
        b.Property(f => f.Source).HasMaxLength(16).IsRequired();
        b.Property(f => f.Status).HasMaxLength(16).IsRequired();
        b.Property(f => f.Note).HasMaxLength(500);
        b.HasIndex(f => f.PersonId);
        b.HasIndex(f => new { f.JurisdictionId, f.Category, f.Status });
        b.HasOne(f => f.Person).WithMany().HasForeignKey(f => f.PersonId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(f => f.Jurisdiction).WithMany().HasForeignKey(f => f.JurisdictionId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class TipConfiguration : IEntityTypeConfiguration<Tip>
{
    public void Configure(EntityTypeBuilder<Tip> b)
    {
        b.ToTable("Tips");
        b.HasKey(t => t.Id);
        b.Property(t => t.Content).HasMaxLength(Tip.TextMaxLength).IsRequired();
        b.Property(t => t.SubjectName).HasMaxLength(50);
        b.Property(t => t.SubjectAddress).HasMaxLength(200);
        b.Property(t => t.TipsterName).HasMaxLength(50);
        b.Property(t => t.TipsterPhone).HasMaxLength(20);
        b.Property(t => t.SenderHash).HasMaxLength(64);
        b.Property(t => t.Status).HasMaxLength(16).IsRequired();
        b.HasIndex(t => new { t.JurisdictionId, t.Status });
        b.HasIndex(t => new { t.SenderHash, t.CreatedAt });
        b.HasIndex(t => new { t.TipsterPhone, t.CreatedAt });
        b.HasOne(t => t.Jurisdiction).WithMany().HasForeignKey(t => t.JurisdictionId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class RewardConfiguration : IEntityTypeConfiguration<Reward>
{
    public void Configure(EntityTypeBuilder<Reward> b)
    {
        b.ToTable("Rewards");
        b.HasKey(r => r.Id);
        b.Property(r => r.RecipientName).HasMaxLength(50).IsRequired();
        b.Property(r => r.RecipientPhone).HasMaxLength(20);
        b.Property(r => r.Reason).HasMaxLength(200).IsRequired();
        b.HasIndex(r => r.JurisdictionId);
        // One reward per confirmed tip (ConfirmTip claims the tip first; the index wins a race).
        b.HasIndex(r => r.TipId).IsUnique();
        b.HasOne(r => r.Jurisdiction).WithMany().HasForeignKey(r => r.JurisdictionId).OnDelete(DeleteBehavior.Restrict);
    }
}
