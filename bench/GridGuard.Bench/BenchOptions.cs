using System.Globalization;

namespace GridGuard.Bench;

public sealed record BenchOptions(string Scenario, int? Size, string Provider, string? Format = null)
{
    public const string PostgresVariable = "GRIDGUARD_BENCH_POSTGRES";

    public bool IsPostgres => Provider == "postgres";

    public static string PostgresAdminConnectionString =>
        Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } cs
            ? cs
            : "Host=localhost;Username=postgres;Password=postgres";

    public static BenchOptions? Parse(string[] args)
    {
        if (args.Length == 0 || args[0].StartsWith('-'))
        {
            return null;
        }

        int? size = null;
        var provider = "sqlite";
        string? format = null;
        for (var i = 1; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--size" when i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var n) && n > 0:
                    size = n;
                    i++;
                    break;
                case "--provider" when i + 1 < args.Length && args[i + 1] is "sqlite" or "postgres":
                    provider = args[++i];
                    break;
                case "--format" when i + 1 < args.Length && args[i + 1] is "csv" or "xlsx":
                    format = args[++i];
                    break;
                default:
                    Console.Error.WriteLine($"无法识别的参数: {args[i]}");
                    return null;
            }
        }

        return new BenchOptions(args[0], size, provider, format);
    }
}
