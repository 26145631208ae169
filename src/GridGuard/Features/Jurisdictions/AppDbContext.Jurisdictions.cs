using GridGuard.Features.Jurisdictions;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Platform.Data;

public abstract partial class AppDbContext
{
    public DbSet<Jurisdiction> Jurisdictions => Set<Jurisdiction>();
}
