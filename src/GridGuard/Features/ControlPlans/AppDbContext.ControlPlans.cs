using GridGuard.Features.ControlPlans;
using GridGuard.Features.ControlPlans.Release;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Platform.Data;

public abstract partial class AppDbContext
{
    public DbSet<ArrivalReport> ArrivalReports => Set<ArrivalReport>();

    public DbSet<ArrivalStay> ArrivalStays => Set<ArrivalStay>();

    public DbSet<ControlPlan> ControlPlans => Set<ControlPlan>();

    public DbSet<PlanPhase> PlanPhases => Set<PlanPhase>();

    public DbSet<PlanTest> PlanTests => Set<PlanTest>();

    public DbSet<PlanSignature> PlanSignatures => Set<PlanSignature>();
}
