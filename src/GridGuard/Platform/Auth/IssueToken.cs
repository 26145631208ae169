using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace GridGuard.Platform.Auth;

/// <summary>POST /api/auth/token: a bearer token for API clients and sampling devices.</summary>
public static class IssueToken
{
    public sealed class Request
    {
        [Required(ErrorMessage = "用户名：必填")]
        [StringLength(64, ErrorMessage = "用户名：不能超过 64 个字符")]
        public string UserName { get; set; } = "";

        [Required(ErrorMessage = "密码：必填")]
        [StringLength(128, ErrorMessage = "密码：不能超过 128 个字符")]
        public string Password { get; set; } = "";
    }

    public static RouteGroupBuilder MapIssueToken(this RouteGroupBuilder group)
    {
        group.MapPost("/token", HandleAsync)
            .AllowAnonymous()
            .WithName("IssueToken")
            .WithSummary("用户名和密码换取访问令牌（Bearer）");
        return group;
    }

    public static async Task<Results<EmptyHttpResult, ProblemHttpResult>> HandleAsync(
        Request request, SignInManager<AppUser> signIn, IOptions<IdentityOptions> options)
    {
        // The bearer handler writes { accessToken, expiresIn, refreshToken } on sign-in.
        signIn.AuthenticationScheme = IdentityConstants.BearerScheme;
        var result = await signIn.PasswordSignInAsync(request.UserName.Trim(), request.Password, false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            return TypedResults.Empty;
        }

        return TypedResults.Problem(
            SignInMessages.For(result, options.Value),
            statusCode: StatusCodes.Status401Unauthorized,
            title: "登录失败");
    }

    /// <summary>Documented shape of the token response.</summary>
    public sealed record TokenResponse(string TokenType, string AccessToken, long ExpiresIn, string RefreshToken);

    internal static readonly Type ResponseType = typeof(AccessTokenResponse);
}
