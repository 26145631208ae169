using GridGuard.Features.Quarantine;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Platform.Data;

public abstract partial class AppDbContext
{
    public DbSet<QuarantineSite> QuarantineSites => Set<QuarantineSite>();

    public DbSet<QuarantineRoom> QuarantineRooms => Set<QuarantineRoom>();

    public DbSet<RoomAssignment> RoomAssignments => Set<RoomAssignment>();

    public DbSet<Transfer> Transfers => Set<Transfer>();
}
