using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;

namespace GridGuard.Platform.Auth;

/// <summary>POST /api/auth/password and the page /account/password: any signed-in user changes their own password.</summary>
public static class ChangePassword
{
    public sealed class Request
    {
        [Required(ErrorMessage = "当前密码：必填")]
        [StringLength(128, ErrorMessage = "当前密码：不能超过 128 个字符")]
        public string CurrentPassword { get; set; } = "";

        [Required(ErrorMessage = "新密码：必填")]
        [StringLength(128, ErrorMessage = "新密码：不能超过 128 个字符")]
        public string NewPassword { get; set; } = "";

        [Required(ErrorMessage = "确认新密码：必填")]
        [Compare(nameof(NewPassword), ErrorMessage = "确认新密码：与新密码不一致")]
        public string ConfirmPassword { get; set; } = "";
    }

    public static RouteGroupBuilder MapChangePassword(this RouteGroupBuilder group)
    {
        group.MapPost("/password", HandleAsync).WithName("ChangePassword").WithSummary("修改本人密码");
        return group;
    }

    public static async Task<Results<NoContent, ValidationProblem, UnauthorizedHttpResult>> HandleAsync(
        Request request, CurrentUser me, UserManager<AppUser> users)
    {
        var (user, errors) = await RunAsync(request, me, users);
        return user is null && errors.Count == 0 ? TypedResults.Unauthorized()
            : errors.Count > 0 ? TypedResults.ValidationProblem(errors, title: "密码未修改")
            : TypedResults.NoContent();
    }

    /// <summary>Changes the password; returns the user on success, or the errors by field. Shared with the page.</summary>
    public static async Task<(AppUser? User, Dictionary<string, string[]> Errors)> RunAsync(
        Request request, CurrentUser me, UserManager<AppUser> users)
    {
        var errors = new Dictionary<string, string[]>();
        if (me.UserId is not { } id || await users.FindByIdAsync(id.ToString()) is not { } user)
        {
            return (null, errors);
        }

        if (request.NewPassword != request.ConfirmPassword)
        {
            errors[nameof(Request.ConfirmPassword)] = ["确认新密码：与新密码不一致"];
            return (user, errors);
        }

        if (request.NewPassword == request.CurrentPassword)
        {
            errors[nameof(Request.NewPassword)] = ["新密码：不能与当前密码相同"];
            return (user, errors);
        }

        var result = await users.ChangePasswordAsync(user, request.CurrentPassword, request.NewPassword);
        foreach (var group in result.Errors.GroupBy(e => e.Code == nameof(IdentityErrorDescriber.PasswordMismatch)
                     ? nameof(Request.CurrentPassword)
                     : nameof(Request.NewPassword)))
        {
            errors[group.Key] = group.Select(e => e.Code == nameof(IdentityErrorDescriber.PasswordMismatch)
                ? e.Description
                : e.Description.Replace("密码：", "新密码：", StringComparison.Ordinal)).ToArray();
        }

        return (user, errors);
    }
}
