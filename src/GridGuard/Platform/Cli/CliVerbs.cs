using GridGuard.Features.Jurisdictions.Import;
using GridGuard.Platform.Auth;
using GridGuard.Platform.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Platform.Cli;

/// <summary>
/// Command-line verbs: <c>dotnet run --project src/GridGuard -- &lt;verb&gt; [options]</c>.
/// They use the same services and database as the web app, then exit.
/// </summary>
public static class CliVerbs
{
    public static async Task<bool> TryRunAsync(WebApplication app, string[] args)
    {
        if (args.Length == 0 || args[0].StartsWith('-') || args[0].Contains('='))
        {
            return false;
        }

        var verb = args[0];
        var options = ParseOptions(args.Skip(1).ToArray());
        await using var scope = app.Services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        await sp.GetRequiredService<AppDbContext>().Database.MigrateAsync();
        Environment.ExitCode = verb switch
        {
            "migrate" => 0,
            "import-divisions" => await DivisionImportCli.RunAsync(sp, options, Console.Out),
            "add-user" => await AddUserAsync(sp, options),
            "sweep-tasks" => await SweepTasksAsync(sp),
            _ => Usage(verb),
        };
        return true;
    }

    private static int Usage(string verb)
    {
        Console.Error.WriteLine($"未知命令: {verb}");
        Console.Error.WriteLine("""
            用法:
              migrate                                   应用数据库迁移
              import-divisions --dir DIR [--root CODE]  导入 china-division 目录（provinces/cities/areas/streets/villages.csv）
              import-divisions --file FILE [--root CODE] 导入单个文件（含自建的 code,name,level,parentCode 文件）
              add-user --user NAME --name 姓名 --role ROLE --at CODE   新建用户（密码从标准输入读取）
              sweep-tasks                               立即执行任务扫描（漏测、逾期检测、超时升级）
            """);
        return 2;
    }

    private static Dictionary<string, string> ParseOptions(string[] args)
    {
        var options = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i].StartsWith("--", StringComparison.Ordinal))
            {
                var hasValue = i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal);
                options[args[i][2..]] = hasValue ? args[++i] : "true";
            }
        }

        return options;
    }

    private static async Task<int> SweepTasksAsync(IServiceProvider sp)
    {
        var summary = await GridGuard.Features.Monitoring.Tasks.RunSweep.ExecuteAsync(
            sp.GetRequiredService<AppDbContext>(), sp.GetRequiredService<CountyClock>(), CancellationToken.None);
        Console.WriteLine($"任务扫描完成：新增 {summary.Opened} 项，升级 {summary.Escalated} 项");
        return 0;
    }

    private static async Task<int> AddUserAsync(IServiceProvider sp, Dictionary<string, string> options)
    {
        if (!options.TryGetValue("user", out var userName) || !options.TryGetValue("role", out var roleText)
            || !options.TryGetValue("at", out var code) || !Enum.TryParse<Role>(roleText, out var role))
        {
            return Usage("add-user");
        }

        var db = sp.GetRequiredService<AppDbContext>();
        var node = await db.Jurisdictions.FirstOrDefaultAsync(j => j.Code == code);
        if (node is null)
        {
            Console.Error.WriteLine($"辖区代码“{code}”不存在");
            return 1;
        }

        Console.Error.Write("密码: ");
        var password = Console.ReadLine() ?? "";
        var users = sp.GetRequiredService<UserManager<AppUser>>();
        var time = sp.GetRequiredService<TimeProvider>();
        var user = new AppUser
        {
            UserName = userName,
            DisplayName = options.GetValueOrDefault("name", userName),
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        var result = await users.CreateAsync(user, password);
        if (!result.Succeeded)
        {
            foreach (var e in result.Errors)
            {
                Console.Error.WriteLine(e.Description);
            }

            return 1;
        }

        db.RoleAssignments.Add(new RoleAssignment
        {
            UserId = user.Id,
            Role = role,
            JurisdictionId = node.Id,
            CreatedAt = time.GetUtcNow().UtcDateTime,
        });
        await db.SaveChangesAsync();
        Console.WriteLine($"已创建用户 {userName}：{role.Label()} @ {node.Name}");
        return 0;
    }
}
