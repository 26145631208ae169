using GridGuard.Features.Jurisdictions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GridGuard.Platform.Auth;

/// <summary>A user holds a role at a node; their scope is the union of those subtrees.</summary>
public sealed class RoleAssignment : IInJurisdiction
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid UserId { get; set; }

    public AppUser? User { get; set; }

    public Role Role { get; set; }

    public Guid JurisdictionId { get; set; }

    public Jurisdiction? Jurisdiction { get; set; }

    public DateTime CreatedAt { get; set; }
}

public sealed class RoleAssignmentConfiguration : IEntityTypeConfiguration<RoleAssignment>
{
    public void Configure(EntityTypeBuilder<RoleAssignment> b)
    {
        b.ToTable("RoleAssignments");
        b.HasKey(r => r.Id);
        b.Property(r => r.Role).HasMaxLength(32).IsRequired();
        b.HasIndex(r => new { r.UserId, r.Role, r.JurisdictionId }).IsUnique();
        b.HasIndex(r => r.JurisdictionId);
        b.HasOne(r => r.User).WithMany().HasForeignKey(r => r.UserId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(r => r.Jurisdiction).WithMany().HasForeignKey(r => r.JurisdictionId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class AppUserConfiguration : IEntityTypeConfiguration<AppUser>
{
    public void Configure(EntityTypeBuilder<AppUser> b)
    {
        b.Property(u => u.DisplayName).HasMaxLength(AppUser.DisplayNameMaxLength).IsRequired();
        b.Property(u => u.UserName).HasMaxLength(64);
        b.Property(u => u.NormalizedUserName).HasMaxLength(64);
        b.Property(u => u.Email).HasMaxLength(128);
        b.Property(u => u.NormalizedEmail).HasMaxLength(128);
        b.Property(u => u.PhoneNumber).HasMaxLength(20);
        b.Property(u => u.PasswordHash).HasMaxLength(256);
        b.Property(u => u.SecurityStamp).HasMaxLength(64);
        b.Property(u => u.ConcurrencyStamp).HasMaxLength(64);
    }
}
