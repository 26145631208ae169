namespace GridGuard.Platform.Web;

/// <summary>The Chinese name of a downloaded sheet: "网格联户包保清单_大寨第一网格_20261124.xlsx".</summary>
public static class ExportFileName
{
    private static readonly HashSet<char> Invalid =
        [.. Path.GetInvalidFileNameChars(), '\\', '/', ':', '*', '?', '"', '<', '>', '|'];

    /// <summary>Title, node (or site) name and county date; characters a file system refuses become _.</summary>
    public static string For(string title, string name, DateOnly day)
    {
        var safe = new string(name.Select(c => Invalid.Contains(c) || char.IsControl(c) ? '_' : c).ToArray());
        return $"{title}_{safe}_{day:yyyyMMdd}.xlsx";
    }
}
