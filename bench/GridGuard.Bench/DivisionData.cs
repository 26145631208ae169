using GridGuard.Features.Jurisdictions.Import;

namespace GridGuard.Bench;

/// <summary>The national china-division files (../shared/data/china-division beside the repo), optionally cut down.</summary>
public static class DivisionData
{
    public const string DirectoryVariable = "GRIDGUARD_DIVISION_DIR";

    private static readonly string[] Relative = ["shared", "data", "china-division"];

    /// <summary>
    /// GRIDGUARD_DIVISION_DIR when set; otherwise the first ancestor of the working directory or of the program
    /// that holds shared/data/china-division (the repo sits beside shared/, wherever it is cloned).
    /// </summary>
    public static string Locate()
    {
        if (Environment.GetEnvironmentVariable(DirectoryVariable) is { Length: > 0 } configured)
        {
            return File.Exists(Path.Combine(configured, "villages.csv"))
                ? configured
                : throw new DirectoryNotFoundException($"{DirectoryVariable}={configured} has no villages.csv");
        }

        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine([dir.FullName, .. Relative]);
                if (File.Exists(Path.Combine(candidate, "villages.csv")))
                {
                    return candidate;
                }
            }
        }

        throw new DirectoryNotFoundException(
            $"china-division data not found: looked for shared/data/china-division above {Directory.GetCurrentDirectory()}; set {DirectoryVariable}.");
    }

    /// <summary>
    /// The codes to keep for <c>--size N</c>: the first N villages of villages.csv and every ancestor of them.
    /// Null keeps everything.
    /// </summary>
    public static HashSet<string>? Selection(string dir, int? size)
    {
        if (size is not { } n)
        {
            return null;
        }

        using var reader = new StreamReader(Path.Combine(dir, "villages.csv"));
        var (_, rows, _) = DivisionCsv.Read(reader, null);
        var keep = new HashSet<string>(StringComparer.Ordinal);
        foreach (var village in rows.Take(n))
        {
            foreach (var length in new[] { 2, 4, 6, 9, 12 })
            {
                keep.Add(village.Code[..length]);
            }
        }

        return keep;
    }

    /// <summary>Reads one file of the directory with the importer's own reader, keeping only the selection.</summary>
    public static List<DivisionRow> Read(string dir, DivisionFileKind kind, HashSet<string>? selection)
    {
        using var reader = new StreamReader(Path.Combine(dir, DivisionCsv.FileName(kind)));
        var (_, rows, errors) = DivisionCsv.Read(reader, null);
        if (errors.Count > 0)
        {
            throw new InvalidDataException($"{DivisionCsv.FileName(kind)}: {errors[0].Message}");
        }

        return selection is null ? rows : rows.Where(r => selection.Contains(r.Code)).ToList();
    }
}
