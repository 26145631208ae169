using GridGuard.Features.Households;

namespace GridGuard.Features.Policies;

/// <summary>
/// The rulebooks shipped in the repository (Features/Policies/Rulebooks/*.json, copied to the output directory):
/// 2022-11 新平, 2021-01 春节 and 2020-02 南昌 (DOMAIN.md §5). Loaded at start by whoever stores policy versions.
/// </summary>
public static class ShippedRulebooks
{
    public static string Directory { get; } = Path.Combine(AppContext.BaseDirectory, "Features", "Policies", "Rulebooks");

    /// <summary>Every *.json file of <paramref name="directory"/>, in file-name order, each read and validated.</summary>
    public static IReadOnlyList<RulebookFile> Load(string? directory = null)
    {
        var dir = directory ?? Directory;
        var files = System.IO.Directory.GetFiles(dir, "*.json");
        Array.Sort(files, StringComparer.Ordinal);
        return [.. files.Select(Read)];
    }

    /// <summary>The shipped rulebooks, or an exception naming the first bad file (a broken build, not user input).</summary>
    public static IReadOnlyList<Rulebook> LoadValid(string? directory = null) =>
        [.. Load(directory).Select(f => f.Rulebook ?? throw new InvalidOperationException(
            $"{f.FileName}: {string.Join("; ", f.Errors.SelectMany(e => e.Value))}"))];

    private static RulebookFile Read(string path)
    {
        var errors = new FieldErrors();
        var rulebook = RulebookJson.Read(File.ReadAllText(path), errors);
        return new RulebookFile(Path.GetFileName(path), rulebook, errors.ToDictionary());
    }
}

public sealed record RulebookFile(string FileName, Rulebook? Rulebook, IReadOnlyDictionary<string, string[]> Errors);
