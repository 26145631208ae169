using GridGuard.Features.Jurisdictions.Import;
using GridGuard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static GridGuard.Tests.Features.Jurisdictions.Import.ImportApi;

namespace GridGuard.Tests.Features.Jurisdictions.Import;

/// <summary>The CLI verb import-divisions over a china-division directory of the test's own.</summary>
[Collection(AppCollection.Name)]
public sealed class DivisionImportCliTests(AppFactory app) : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("gridguard-divisions-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private async Task<(int Code, string Output)> RunAsync(params (string Key, string Value)[] options)
    {
        using var output = new StringWriter();
        var code = await DivisionImportCli.RunAsync(app.Services, options.ToDictionary(o => o.Key, o => o.Value), output);
        return (code, output.ToString());
    }

    private void WriteDirectory(string a, string a2, params string[] streets)
    {
        File.WriteAllText(Path.Combine(dir, "areas.csv"), Csv("code,name,cityCode,provinceCode",
            $"{a},甲县,{a[..4]},{a[..2]}", $"{a2},乙县,{a2[..4]},{a2[..2]}"));
        File.WriteAllText(Path.Combine(dir, "streets.csv"), Csv(["code,name,areaCode,provinceCode,cityCode", .. streets]));
        File.WriteAllText(Path.Combine(dir, "villages.csv"), Csv("code,name,streetCode,provinceCode,cityCode,areaCode",
            $"{a}100200,丙村委会,{a}100,{a[..2]},{a[..4]},{a}", $"{a2}100200,丁村委会,{a2}100,{a2[..2]},{a2[..4]},{a2}"));
    }

    [Fact]
    public async Task ImportDivisions_DirectoryWithRoot_ImportsOnlyThatSubtreeAndSummarisesEachFile()
    {
        var (a, a2) = (TestTree.NewCountyCode(), TestTree.NewCountyCode());
        WriteDirectory(a, a2, $"{a}100,甲镇,{a},{a[..2]},{a[..4]}", $"{a2}100,乙镇,{a2},{a2[..2]},{a2[..4]}");

        var (code, output) = await RunAsync(("dir", dir), ("root", a));

        Assert.Equal(0, code);
        Assert.Contains("areas.csv：全部导入，1 行，新增 1", output, StringComparison.Ordinal);
        Assert.Contains("villages.csv：全部导入，1 行，新增 1", output, StringComparison.Ordinal);
        var paths = await app.WithDbAsync(db => db.Jurisdictions.Where(j => j.Code.StartsWith(a) || j.Code.StartsWith(a2))
            .Select(j => j.Path).ToListAsync());
        Assert.Equal([$"/{a}/", $"/{a}/{a}100/", $"/{a}/{a}100/{a}100200/"], paths.Order().ToArray());
    }

    [Fact]
    public async Task ImportDivisions_FileWithBadRows_PrintsThemAndStopsBeforeTheNextFile()
    {
        var (a, a2) = (TestTree.NewCountyCode(), TestTree.NewCountyCode());
        WriteDirectory(a, a2, $"{a}100,甲镇,{a},{a[..2]},{a[..4]}", $"{a2}10,短码镇,{a2},{a2[..2]},{a2[..4]}");

        var (code, output) = await RunAsync(("dir", dir));

        Assert.Equal(1, code);
        Assert.Contains("streets.csv：有错误，本文件未导入任何数据（1 行有错误，共 2 行）", output, StringComparison.Ordinal);
        Assert.Contains("第 3 行 [code]", output, StringComparison.Ordinal);
        Assert.Contains("已停止：后续文件（villages.csv）未导入", output, StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(db => db.Jurisdictions.AnyAsync(j => j.Code == a + "100" || j.Code == a + "100200")));
    }
}
