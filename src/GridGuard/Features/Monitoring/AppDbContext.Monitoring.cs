using GridGuard.Features.Monitoring;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Platform.Data;

public abstract partial class AppDbContext
{
    public DbSet<HealthCheck> HealthChecks => Set<HealthCheck>();

    public DbSet<WorkTask> WorkTasks => Set<WorkTask>();
}
