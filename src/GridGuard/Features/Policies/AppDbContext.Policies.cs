using GridGuard.Features.Policies;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Platform.Data;

public abstract partial class AppDbContext
{
    public DbSet<RiskArea> RiskAreas => Set<RiskArea>();

    public DbSet<Policy> Policies => Set<Policy>();
}
