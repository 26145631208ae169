namespace GridGuard.Features.Policies.RiskAreas;

/// <summary>
/// Names of division codes shipped with the app: every province, city and county of China
/// (data/china-division-counties, from the china-division project) and the demo county's townships and villages
/// (data/china-division-530427). A county's name is written in full ("北京市朝阳区"), so a list of areas from all
/// over the country reads without the codes. Loaded once.
/// </summary>
public static class DivisionNames
{
    private static readonly Lazy<IReadOnlyDictionary<string, string>> Names = new(Load);

    public static string? Of(string code) => Names.Value.TryGetValue(code, out var name) ? name : null;

    private static Dictionary<string, string> Load()
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        var data = Path.Combine(AppContext.BaseDirectory, "data");
        var national = Path.Combine(data, "china-division-counties");
        var provinces = Read(Path.Combine(national, "provinces.csv"));
        var cities = Read(Path.Combine(national, "cities.csv"));
        foreach (var (code, name, _) in provinces)
        {
            names[code] = name;
        }

        foreach (var (code, name, _) in cities)
        {
            names[code] = Join(names.GetValueOrDefault(code[..2]), name);
        }

        foreach (var (code, name, _) in Read(Path.Combine(national, "areas.csv")))
        {
            names[code] = names.GetValueOrDefault(code[..4], names.GetValueOrDefault(code[..2], "")) + name;
        }

        var county = Path.Combine(data, "china-division-530427");
        foreach (var file in new[] { "streets.csv", "villages.csv" })
        {
            foreach (var (code, name, _) in Read(Path.Combine(county, file)))
            {
                names.TryAdd(code, name);
            }
        }

        return names;
    }

    /// <summary>"市辖区" and "县" (the placeholders under a municipality) add nothing to the province's name.</summary>
    private static string Join(string? province, string city) =>
        city is "市辖区" or "县" or "省直辖县级行政区划" or "自治区直辖县级行政区划" ? province ?? city : (province ?? "") + city;

    private static IEnumerable<(string Code, string Name, string Tail)> Read(string path)
    {
        if (!File.Exists(path))
        {
            yield break;
        }

        foreach (var line in File.ReadLines(path).Skip(1))
        {
            var parts = line.Split(',', 3);
            if (parts.Length >= 2 && parts[0].Length > 0)
            {
                yield return (parts[0].Trim(), parts[1].Trim().Trim('"'), parts.Length > 2 ? parts[2] : "");
            }
        }
    }
}
