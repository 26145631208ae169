using System.Diagnostics;

namespace GridGuard.Features.Jurisdictions.Import;

/// <summary>
/// The CLI verb <c>import-divisions --dir DIR | --file FILE [--root CODE]</c>: imports a china-division directory
/// (provinces → villages, parents first) or one file, and prints a summary per file and its bad rows.
/// A directory import stops at the first file that fails: the files below it would have no parents.
/// </summary>
public static class DivisionImportCli
{
    /// <summary>Bad rows printed per file; the count of the rest is printed after them.</summary>
    public const int MaxPrintedErrors = 200;

    public static async Task<int> RunAsync(IServiceProvider services, IReadOnlyDictionary<string, string> options,
        TextWriter output, CancellationToken ct = default)
    {
        options.TryGetValue("root", out var root);
        if (root is not null && (root.Length == 0 || root.AsSpan().ContainsAnyExceptInRange('0', '9')))
        {
            await output.WriteLineAsync($"--root：“{root}”不是辖区代码（只能由数字组成）");
            return 2;
        }

        List<string> files;
        if (options.TryGetValue("dir", out var dir))
        {
            if (!Directory.Exists(dir))
            {
                await output.WriteLineAsync($"--dir：目录“{dir}”不存在");
                return 2;
            }

            files = DivisionCsv.DirectoryOrder.Select(k => Path.Combine(dir, DivisionCsv.FileName(k))).Where(File.Exists).ToList();
            if (files.Count == 0)
            {
                await output.WriteLineAsync($"--dir：目录“{dir}”中没有 provinces/cities/areas/streets/villages.csv");
                return 2;
            }
        }
        else if (options.TryGetValue("file", out var file))
        {
            if (!File.Exists(file))
            {
                await output.WriteLineAsync($"--file：文件“{file}”不存在");
                return 2;
            }

            files = [file];
        }
        else
        {
            await output.WriteLineAsync("请用 --dir 或 --file 指定要导入的文件");
            return 2;
        }

        if (root is not null)
        {
            await output.WriteLineAsync($"只导入代码以 {root} 开头的辖区");
        }

        var total = Stopwatch.StartNew();
        foreach (var path in files)
        {
            var clock = Stopwatch.StartNew();
            await using var scope = services.CreateAsyncScope();
            var importer = scope.ServiceProvider.GetRequiredService<JurisdictionImporter>();
            using var reader = new StreamReader(path);
            var (_, rows, readErrors) = DivisionCsv.Read(reader, root);
            var name = Path.GetFileName(path);
            var report = readErrors.Count > 0
                ? ImportReport.Failed(name, rows.Count + readErrors.Count, readErrors)
                : await importer.ImportAsync(name, rows, ct);
            await PrintAsync(output, report, clock.Elapsed);
            if (!report.Written)
            {
                var rest = files.SkipWhile(f => f != path).Skip(1).Select(Path.GetFileName).ToList();
                if (rest.Count > 0)
                {
                    await output.WriteLineAsync($"已停止：后续文件（{string.Join("、", rest)}）未导入");
                }

                return 1;
            }
        }

        await output.WriteLineAsync($"完成：{files.Count} 个文件，用时 {total.Elapsed.TotalSeconds:F1} 秒");
        return 0;
    }

    private static async Task PrintAsync(TextWriter output, ImportReport report, TimeSpan elapsed)
    {
        if (report.Written)
        {
            var descendants = report.MovedDescendants > 0 ? $"（下级随之移动 {report.MovedDescendants}）" : "";
            await output.WriteLineAsync($"{report.Source}：全部导入，{report.Rows} 行，新增 {report.Inserted}，更新 {report.Updated}，"
                + $"未变 {report.Unchanged}，移动 {report.Moved}{descendants}，用时 {elapsed.TotalSeconds:F1} 秒");
            return;
        }

        await output.WriteLineAsync($"{report.Source}：有错误，本文件未导入任何数据（{report.Errors.Count} 行有错误，共 {report.Rows} 行）");
        foreach (var e in report.Errors.Take(MaxPrintedErrors))
        {
            await output.WriteLineAsync($"  第 {e.Line} 行 [{e.Field}] {e.Message}");
        }

        if (report.Errors.Count > MaxPrintedErrors)
        {
            await output.WriteLineAsync($"  ……另有 {report.Errors.Count - MaxPrintedErrors} 行错误未显示");
        }
    }
}
