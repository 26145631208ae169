using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;

namespace GridGuard.Platform.Auth.Admin;

/// <summary>POST /api/admin/users: a new account with an initial password. Roles are assigned afterwards.</summary>
public static class CreateUser
{
    public sealed class Request
    {
        [Required(ErrorMessage = "用户名：必填")]
        [StringLength(64, ErrorMessage = "用户名：不能超过 64 个字符")]
        [RegularExpression("^[A-Za-z0-9._@+-]+$", ErrorMessage = "用户名：只能包含字母、数字和 -._@+")]
        public string UserName { get; set; } = "";

        [Required(ErrorMessage = "姓名：必填")]
        [StringLength(AppUser.DisplayNameMaxLength, ErrorMessage = "姓名：不能超过 50 个字符")]
        public string DisplayName { get; set; } = "";

        [StringLength(20, ErrorMessage = "手机号：不能超过 20 个字符")]
        [RegularExpression(@"^\+?[0-9][0-9 -]{4,19}$", ErrorMessage = "手机号：只能包含数字、空格、- 和开头的 +")]
        public string? PhoneNumber { get; set; }

        [Required(ErrorMessage = "初始密码：必填")]
        [StringLength(128, ErrorMessage = "初始密码：不能超过 128 个字符")]
        public string Password { get; set; } = "";
    }

    public sealed record Response(Guid Id, string UserName);

    public static RouteGroupBuilder MapCreateUser(this RouteGroupBuilder group)
    {
        group.MapPost("/", HandleAsync).WithName("CreateUser").WithSummary("新建用户（设初始密码）");
        return group;
    }

    public static async Task<Results<Created<Response>, ValidationProblem>> HandleAsync(
        Request request, UserManager<AppUser> users, TimeProvider time)
    {
        var outcome = await RunAsync(request, users, time);
        return outcome.Succeeded
            ? TypedResults.Created($"/api/admin/users/{outcome.Id}", new Response(outcome.Id!.Value, request.UserName.Trim()))
            : TypedResults.ValidationProblem(outcome.Errors, title: "用户未创建");
    }

    /// <summary>Shared with the page. Identity's errors come back in Chinese, under the field they concern.</summary>
    public static async Task<AdminOutcome> RunAsync(Request request, UserManager<AppUser> users, TimeProvider time)
    {
        var user = new AppUser
        {
            UserName = request.UserName.Trim(),
            DisplayName = request.DisplayName.Trim(),
            PhoneNumber = string.IsNullOrWhiteSpace(request.PhoneNumber) ? null : request.PhoneNumber.Trim(),
            CreatedAt = time.GetUtcNow().UtcDateTime,
            IsActive = true,
        };
        var result = await users.CreateAsync(user, request.Password);
        if (result.Succeeded)
        {
            return AdminOutcome.Ok(user.Id);
        }

        var errors = result.Errors
            .GroupBy(e => e.Code.StartsWith("Password", StringComparison.Ordinal) ? nameof(Request.Password) : nameof(Request.UserName))
            .ToDictionary(g => g.Key, g => g.Select(e => g.Key == nameof(Request.Password)
                ? e.Description.Replace("密码：", "初始密码：", StringComparison.Ordinal)
                : e.Description).ToArray());
        return new AdminOutcome(true, errors);
    }
}
