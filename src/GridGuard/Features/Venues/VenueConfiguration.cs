using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GridGuard.Features.Venues;

public sealed class VenueConfiguration : IEntityTypeConfiguration<Venue>
{
    public void Configure(EntityTypeBuilder<Venue> b)
    {
        b.ToTable("Venues");
        b.HasKey(v => v.Id);
        b.Property(v => v.Name).HasMaxLength(Venue.NameMaxLength).IsRequired();
        b.Property(v => v.Kind).HasMaxLength(32).IsRequired();
        b.Property(v => v.Address).HasMaxLength(200);
        b.Property(v => v.ResponsibleName).HasMaxLength(50).IsRequired();
        b.Property(v => v.ResponsiblePhone).HasMaxLength(20);
        b.HasIndex(v => new { v.JurisdictionId, v.Kind });
        b.HasIndex(v => v.Name);
        // One name per grid, active or not (VenueInput checks it first; the index wins a race).
        b.HasIndex(v => new { v.JurisdictionId, v.Name }).IsUnique();
        b.HasOne(v => v.Jurisdiction).WithMany().HasForeignKey(v => v.JurisdictionId).OnDelete(DeleteBehavior.Restrict);
    }
}
