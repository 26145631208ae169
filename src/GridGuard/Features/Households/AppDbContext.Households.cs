using GridGuard.Features.Households;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Platform.Data;

public abstract partial class AppDbContext
{
    public DbSet<Person> Persons => Set<Person>();

    public DbSet<PersonVulnerableGroup> PersonVulnerableGroups => Set<PersonVulnerableGroup>();

    public DbSet<Household> Households => Set<Household>();

    public DbSet<HouseholdMembership> HouseholdMemberships => Set<HouseholdMembership>();
}
