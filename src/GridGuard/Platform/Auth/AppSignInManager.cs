using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace GridGuard.Platform.Auth;

/// <summary>
/// Identity's sign-in manager with one more rule: a deactivated user (<see cref="AppUser.IsActive"/> = false)
/// cannot sign in, through the login page or POST /api/auth/token. The result is <see cref="SignInResult.NotAllowed"/>.
/// </summary>
public sealed class AppSignInManager(
    UserManager<AppUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<AppUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<AppUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<AppUser> confirmation)
    : SignInManager<AppUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    public override async Task<bool> CanSignInAsync(AppUser user) =>
        user.IsActive && await base.CanSignInAsync(user);
}

/// <summary>The Chinese messages for a failed sign-in, shared by the login page and the token endpoint.</summary>
public static class SignInMessages
{
    public const string Wrong = "用户名或密码不正确";

    public const string Inactive = "该账户已停用，请联系管理员";

    public static string LockedOut(IdentityOptions options) =>
        $"该账户因连续 {options.Lockout.MaxFailedAccessAttempts} 次登录失败已被锁定，"
        + $"请 {(int)options.Lockout.DefaultLockoutTimeSpan.TotalMinutes} 分钟后再试或联系管理员解锁";

    public static string For(SignInResult result, IdentityOptions options) =>
        result.IsLockedOut ? LockedOut(options)
        : result.IsNotAllowed ? Inactive
        : Wrong;
}
