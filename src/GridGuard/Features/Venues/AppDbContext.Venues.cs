using GridGuard.Features.Venues;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Platform.Data;

public abstract partial class AppDbContext
{
    public DbSet<Venue> Venues => Set<Venue>();
}
