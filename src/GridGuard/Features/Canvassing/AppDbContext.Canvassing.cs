using GridGuard.Features.Canvassing;
using GridGuard.Features.Canvassing.Coverage;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Platform.Data;

public abstract partial class AppDbContext
{
    public DbSet<Canvass> Canvasses => Set<Canvass>();

    public DbSet<HouseholdVisit> HouseholdVisits => Set<HouseholdVisit>();

    public DbSet<VisitMember> VisitMembers => Set<VisitMember>();

    public DbSet<TravelStay> TravelStays => Set<TravelStay>();

    public DbSet<KeyPersonFlag> KeyPersonFlags => Set<KeyPersonFlag>();

    public DbSet<Tip> Tips => Set<Tip>();

    public DbSet<Reward> Rewards => Set<Reward>();

    public DbSet<NodeCoverage> NodeCoverages => Set<NodeCoverage>();
}
