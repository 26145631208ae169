using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GridGuard.Features.Jurisdictions;

public sealed class JurisdictionConfiguration : IEntityTypeConfiguration<Jurisdiction>
{
    public void Configure(EntityTypeBuilder<Jurisdiction> b)
    {
        b.ToTable("Jurisdictions");
        b.HasKey(j => j.Id);
        b.Property(j => j.Code).HasMaxLength(Jurisdiction.CodeMaxLength).IsRequired();
        b.Property(j => j.Name).HasMaxLength(Jurisdiction.NameMaxLength).IsRequired();
        b.Property(j => j.Path).HasMaxLength(Jurisdiction.PathMaxLength).IsRequired();
        b.Property(j => j.Level).HasMaxLength(16).IsRequired();
        b.Property(j => j.Settlement).HasMaxLength(8);
        b.Property(j => j.Boundary);
        b.HasIndex(j => j.Code).IsUnique();
        b.HasIndex(j => j.Path);
        b.HasIndex(j => new { j.ParentId, j.Name });
        b.HasIndex(j => j.Name);
        b.HasOne(j => j.Parent).WithMany().HasForeignKey(j => j.ParentId).OnDelete(DeleteBehavior.Restrict);
    }
}
