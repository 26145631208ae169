using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GridGuard.Features.Households;

public sealed class PersonConfiguration : IEntityTypeConfiguration<Person>
{
    public void Configure(EntityTypeBuilder<Person> b)
    {
        b.ToTable("Persons");
        b.HasKey(p => p.Id);
        b.Property(p => p.Name).HasMaxLength(Person.NameMaxLength).IsRequired();
        b.Property(p => p.IdType).HasMaxLength(32).IsRequired();
        b.Property(p => p.IdNumber).HasMaxLength(IdNumbers.MaxLength);
        b.Property(p => p.Sex).HasMaxLength(8);
        b.Property(p => p.Phone).HasMaxLength(Person.PhoneMaxLength);
        b.Property(p => p.Residency).HasMaxLength(16).IsRequired();
        b.Property(p => p.Status).HasMaxLength(16).IsRequired();
        b.Property(p => p.Workplace).HasMaxLength(Person.WorkplaceMaxLength);
        b.HasIndex(p => new { p.IdType, p.IdNumber }).IsUnique();
        b.HasIndex(p => p.IdNumber);
        // Name-prefix search reads a page of (Name, Id) in order (SearchPersons).
        b.HasIndex(p => new { p.Name, p.Id });
        b.HasIndex(p => p.Phone);
        b.HasIndex(p => new { p.JurisdictionId, p.Id });
        // Covers the coverage roll-up's person counts (per node: active, without household, age cut-offs): index-only.
        b.HasIndex(p => new { p.JurisdictionId, p.Status, p.BirthDate, p.HouseholdId });
        b.HasIndex(p => p.HouseholdId);
        b.HasOne(p => p.Jurisdiction).WithMany().HasForeignKey(p => p.JurisdictionId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(p => p.Household).WithMany().HasForeignKey(p => p.HouseholdId).OnDelete(DeleteBehavior.SetNull);
        b.HasMany(p => p.VulnerableGroups).WithOne().HasForeignKey(g => g.PersonId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class PersonVulnerableGroupConfiguration : IEntityTypeConfiguration<PersonVulnerableGroup>
{
    public void Configure(EntityTypeBuilder<PersonVulnerableGroup> b)
    {
        b.ToTable("PersonVulnerableGroups");
        b.HasKey(g => new { g.PersonId, g.Group });
        b.Property(g => g.Group).HasMaxLength(32);
        b.HasIndex(g => g.Group);
    }
}

public sealed class HouseholdConfiguration : IEntityTypeConfiguration<Household>
{
    public void Configure(EntityTypeBuilder<Household> b)
    {
        b.ToTable("Households");
        b.HasKey(h => h.Id);
        b.Property(h => h.Unit).HasMaxLength(Household.UnitMaxLength);
        b.Property(h => h.Room).HasMaxLength(Household.UnitMaxLength);
        b.Property(h => h.Address).HasMaxLength(Household.AddressMaxLength);
        b.Property(h => h.LandlordName).HasMaxLength(Person.NameMaxLength);
        b.Property(h => h.LandlordPhone).HasMaxLength(Person.PhoneMaxLength);
        b.HasIndex(h => new { h.JurisdictionId, h.Id });
        // Covers the coverage roll-up's household counts (per node: without steward, without address): index-only.
        b.HasIndex(h => new { h.JurisdictionId, h.StewardId, h.Address });
        b.HasIndex(h => h.StewardId);
        b.HasIndex(h => h.Address);
        b.HasOne(h => h.Jurisdiction).WithMany().HasForeignKey(h => h.JurisdictionId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(h => h.Head).WithMany().HasForeignKey(h => h.HeadId).OnDelete(DeleteBehavior.SetNull);
        b.HasOne(h => h.Steward).WithMany().HasForeignKey(h => h.StewardId).OnDelete(DeleteBehavior.SetNull);
    }
}

public sealed class HouseholdMembershipConfiguration : IEntityTypeConfiguration<HouseholdMembership>
{
    public void Configure(EntityTypeBuilder<HouseholdMembership> b)
    {
        b.ToTable("HouseholdMemberships");
        b.HasKey(m => m.Id);
        b.Property(m => m.Relation).HasMaxLength(16);
        b.HasIndex(m => new { m.PersonId, m.From });
        b.HasIndex(m => new { m.HouseholdId, m.To });
        b.HasOne(m => m.Person).WithMany().HasForeignKey(m => m.PersonId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(m => m.Household).WithMany().HasForeignKey(m => m.HouseholdId).OnDelete(DeleteBehavior.Cascade);
    }
}
