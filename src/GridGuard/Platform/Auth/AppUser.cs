using Microsoft.AspNetCore.Identity;

namespace GridGuard.Platform.Auth;

/// <summary>A person who can log in. Roles are held at nodes, see <see cref="RoleAssignment"/>.</summary>
public sealed class AppUser : IdentityUser<Guid>
{
    public const int DisplayNameMaxLength = 50;

    public AppUser() => Id = Guid.CreateVersion7();

    /// <summary>真实姓名, shown in the UI and the audit log.</summary>
    public string DisplayName { get; set; } = "";

    public bool IsActive { get; set; } = true;

    public DateTime CreatedAt { get; set; }
}
