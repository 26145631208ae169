using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GridGuard.Features.Policies;

public sealed class RiskAreaConfiguration : IEntityTypeConfiguration<RiskArea>
{
    public void Configure(EntityTypeBuilder<RiskArea> b)
    {
        b.ToTable("RiskAreas");
        b.HasKey(a => a.Id);
        b.Property(a => a.PlaceCode).HasMaxLength(12).IsRequired();
        b.Property(a => a.PlaceName).HasMaxLength(100);
        b.Property(a => a.SubArea).HasMaxLength(RiskArea.SubAreaMaxLength);
        b.Property(a => a.Level).HasMaxLength(8).IsRequired();
        b.Property(a => a.Source).HasMaxLength(200);
        b.HasIndex(a => new { a.PlaceCode, a.From });
        b.HasIndex(a => a.From);
    }
}

public sealed class PolicyConfiguration : IEntityTypeConfiguration<Policy>
{
    public void Configure(EntityTypeBuilder<Policy> b)
    {
        b.ToTable("Policies");
        b.HasKey(p => p.Id);
        b.Property(p => p.Name).HasMaxLength(Policy.NameMaxLength).IsRequired();
        b.Property(p => p.Rules).IsRequired();
        b.HasIndex(p => new { p.Name, p.Version }).IsUnique();
        b.HasIndex(p => p.EffectiveOn);
    }
}
