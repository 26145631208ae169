using System.Net;
using System.Net.Http.Json;
using System.Text;
using GridGuard.Features.Households.Import;
using GridGuard.Features.MassTesting;
using GridGuard.Features.Monitoring;
using GridGuard.Tests.Features.Households.Import;
using GridGuard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Tests.Features.MassTesting.Results;

[Collection(AppCollection.Name)]
public sealed class ImportResultsTests(AppFactory app)
{
    private static byte[] Csv(params (string Barcode, string Result)[] rows) =>
        Encoding.UTF8.GetBytes("条码,结果\n" + string.Concat(rows.Select(r => $"{r.Barcode},{r.Result}\n")));

    private static async Task<ListImportReport> ImportAsync(HttpClient client, byte[] bytes, string fileName)
    {
        var response = await client.PostAsync("/api/lab-results/import", ImportFiles.Form(bytes, fileName));
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<ListImportReport>(TestJson.Options))!;
    }

    [Fact]
    public async Task ImportResults_BadRows_ReportedWithRowNumbersGoodRowsAppliedAndSafeTwice()
    {
        var s = await ResultsKit.SetupAsync(app, 10);
        var negative = await ResultsKit.TubeAsync(app, s, 5, s.People.Take(5).ToList());
        var pooled = await ResultsKit.TubeAsync(app, s, 5, s.People.Skip(5).ToList());
        var done = await ResultsKit.TubeAsync(app, s, 1, [s.People[0]]);
        await ResultsKit.RecordAsync(s.LabClient, done.Barcode, "阴性");
        var file = Csv(
            (negative.Barcode, "阴性"),            // row 2
            (pooled.Barcode, "阳性"),              // row 3
            ("??", "阴性"),                        // row 4: malformed barcode
            (ResultsKit.NewBarcode(), "阴性"),     // row 5: unknown tube
            (negative.Barcode + "X", "大概"),      // row 6: bad result (and unknown)
            (done.Barcode, "阳性"));               // row 7: a different result for a tube that has one

        var report = await ImportAsync(s.LabClient, file, "结果.csv");
        var again = await ImportAsync(s.LabClient, file, "结果.csv");

        Assert.Equal(6, report.Rows);
        Assert.Equal(2, report.Created);
        Assert.Equal(4, report.RejectedRows);
        Assert.Equal([4, 5, 6, 7], report.Errors.Select(e => e.Row).Distinct().Order());
        Assert.Contains(report.Errors, e => e.Row == 4 && e.Column == "条码");
        Assert.Contains(report.Errors, e => e.Row == 5 && e.Message.Contains("未找到该采样管", StringComparison.Ordinal));
        Assert.Contains(report.Errors, e => e.Row == 6 && e.Column == "结果");
        Assert.Contains(report.Errors, e => e.Row == 7 && e.Message.Contains("需更正并说明原因", StringComparison.Ordinal));
        Assert.Equal(0, again.Created);
        Assert.Equal(2, again.Unchanged);
        var (members, tasks) = await app.WithDbAsync(async db => (
            await db.RoundMembers.AsNoTracking().Where(m => m.RoundId == s.RoundId).ToDictionaryAsync(m => m.PersonId, m => m.Outcome),
            await db.WorkTasks.AsNoTracking().Where(t => t.RoundId == s.RoundId && t.Kind == WorkTaskKind.Retest).ToListAsync()));
        Assert.All(s.People.Take(5), p => Assert.Equal(SamplingOutcome.Negative, members[p]));
        Assert.All(s.People.Skip(5), p => Assert.Equal(SamplingOutcome.PooledPositive, members[p]));
        Assert.Equal(s.People.Skip(5).Order(), tasks.Select(t => t.PersonId).Order());
    }

    [Fact]
    public async Task ImportResults_Xlsx_Applied()
    {
        var s = await ResultsKit.SetupAsync(app, 2);
        var tube = await ResultsKit.TubeAsync(app, s, 5, s.People);
        var xlsx = ImportFiles.RawXlsx([["条码", "结果"], [tube.Barcode, "Negative"]]);

        var report = await ImportAsync(s.LabClient, xlsx, "results.xlsx");

        Assert.Equal(1, report.Created);
        Assert.Equal(0, report.RejectedRows);
    }

    [Fact]
    public async Task ImportResults_NotLabStaff_403AndTemplateDownloads()
    {
        var s = await ResultsKit.SetupAsync(app, 1);

        var response = await s.Round.Grid1.PostAsync("/api/lab-results/import", ImportFiles.Form(Csv(("ABCDEF1", "阴性")), "a.csv"));
        var xlsx = await s.LabClient.GetAsync("/api/lab-results/import/template?format=xlsx");
        var csv = await s.LabClient.GetStringAsync("/api/lab-results/import/template?format=csv");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        Assert.Contains("条码", csv, StringComparison.Ordinal);
        Assert.Contains("结果", csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportResultsPage_LabStaff_ShowsTheFormAndTemplateLinks()
    {
        var s = await ResultsKit.SetupAsync(app, 1);
        var page = await app.PageClientAsync(s.Lab);

        var html = await page.GetStringAsync("/lab-results/import");

        Assert.Contains("导入核酸检测结果", html, StringComparison.Ordinal);
        Assert.Contains("/api/lab-results/import/template?format=xlsx", html, StringComparison.Ordinal);
    }
}
