using GridGuard.Features.MassTesting;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Platform.Data;

public abstract partial class AppDbContext
{
    public DbSet<MassTestingRound> MassTestingRounds => Set<MassTestingRound>();

    public DbSet<RoundMember> RoundMembers => Set<RoundMember>();

    public DbSet<RoundTally> RoundTallies => Set<RoundTally>();

    public DbSet<SamplingSite> SamplingSites => Set<SamplingSite>();

    public DbSet<SamplingSlot> SamplingSlots => Set<SamplingSlot>();

    public DbSet<Tube> Tubes => Set<Tube>();

    public DbSet<Sampling> Samplings => Set<Sampling>();
}
