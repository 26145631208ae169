using GridGuard.Platform.Auth;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Platform.Data;

public abstract partial class AppDbContext
{
    public DbSet<RoleAssignment> RoleAssignments => Set<RoleAssignment>();
}
