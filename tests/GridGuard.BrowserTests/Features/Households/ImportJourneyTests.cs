using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using GridGuard.BrowserTests.Infrastructure;
using GridGuard.BrowserTests.Pages;
using GridGuard.Features.Demo;
using GridGuard.Features.Households;
using GridGuard.Features.Households.Import;
using GridGuard.Platform.Auth;
using GridGuard.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GridGuard.BrowserTests.Features.Households;

/// <summary>
/// Issue 3's long import: a village officer uploads a household list that spans several chunks
/// (<see cref="KestrelAppFactory.ImportChunkRows"/>); while it runs the page's script polls its progress, and then the
/// page shows the report with the bad row.
/// - A list this small is imported before the script first polls (after a second), so the journey holds the upload in
///   the browser (a Playwright route): first before it reaches the server, then after the server has imported it but
///   before its answer reaches the page. No sleeps: each step waits for a request, a response or what the page shows.
/// - While a form post is in flight, Playwright waits for the navigation to finish before it reads the page: locators
///   and expectations say so, and evaluate, screenshots and even the polls' response bodies just wait. So the progress
///   is asserted on the script's polls (the busy notice shows what they answer), which pass through a second route.
/// </summary>
public sealed class ImportJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    private const int Households = 40;
    private const int PersonsPerHousehold = 3;
    private const int Rows = Households * PersonsPerHousehold;

    /// <summary>Row 1 the note, row 2 the header, people from row 3 (as the template); the planted bad row's number.</summary>
    private const int BadRow = 3 + (PersonsPerHousehold * 20) + 1;

    private static readonly Random Random = new(Guid.NewGuid().GetHashCode());

    [BrowserFact]
    public Task Import_ListSpanningSeveralChunks_ShowsProgressThenTheBadRowWithItsNumberAndReason() => JourneyAsync(async page =>
    {
        var tree = await TestTree.CreateAsync(App);
        var officer = await TestUsers.CreateAsync(App, (Role.VillageOfficer, tree.Village1.Id));
        var (csv, badName, badDate) = HouseholdList(tree.Grid1.Code);
        Assert.True(Rows > 3 * KestrelAppFactory.ImportChunkRows, "the file should span several chunks");

        await (await new LoginPage(page).GotoAsync()).LogInAsync(officer.UserName, officer.Password);
        await Expect(new Shell(page).CurrentUser).ToBeVisibleAsync();
        var import = await new HouseholdImportPage(page).GotoAsync();

        // The upload is held in the browser until the test lets it go; the page's script polls meanwhile.
        var held = new TaskCompletionSource<IRoute>(TaskCreationOptions.RunContinuationsAsynchronously);
        await page.RouteAsync("**/households/import", async route =>
        {
            if (route.Request.Method == "POST")
            {
                held.TrySetResult(route);
            }
            else
            {
                await route.ContinueAsync();
            }
        });

        // The script's polls pass through the test, which reads each answer on its way to the page.
        var polls = Channel.CreateUnbounded<Poll>();
        await page.RouteAsync("**" + HouseholdImportPage.ProgressPath + "*", async route =>
        {
            var response = await route.FetchAsync();
            polls.Writer.TryWrite(new Poll(new Uri(route.Request.Url).AbsolutePath, response.Status, await response.TextAsync()));
            await route.FulfillAsync(new() { Response = response });
        });
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        // The click completes once the page has its answer, which is after the held upload is let go.
        var uploading = import.UploadAsync("大寨小组名单.csv", "text/csv", csv);
        var upload = await held.Task;

        // While the file is on its way, the script asks for its progress under the id it gave the upload; the server
        // knows no such upload yet.
        var first = await polls.Reader.ReadAsync(patience.Token);
        Assert.Equal(404, first.Status);
        var progressId = first.Path[HouseholdImportPage.ProgressPath.Length..];
        Assert.True(ImportProgressBoard.IsValidId(progressId), progressId);

        // The server reads and writes the file chunk by chunk. Its answer is held until the script's polls have the
        // outcome: done, with the report's counts.
        var answer = await upload.FetchAsync(new() { Timeout = 60_000 });
        Assert.Equal(200, answer.Status);
        var states = new List<ImportStatus>();
        while (states is [] or [.., { State: "running" or "finishing" }])
        {
            var poll = await polls.Reader.ReadAsync(patience.Token);
            Assert.Equal(HouseholdImportPage.ProgressPath + progressId, poll.Path);
            if (poll.Status == 200)
            {
                states.Add(JsonSerializer.Deserialize<ImportStatus>(poll.Body, JsonSerializerOptions.Web)!);
            }
        }

        Assert.Equal(new ImportStatus("done", Rows, Rows - 1, 1, Rows, null), states[^1]);
        await upload.FulfillAsync(new() { Response = answer });
        await uploading;

        // The report: the counts, and the bad row with its number, the person and the reason in Chinese.
        await Expect(import.Summary).ToHaveTextAsync($"共 {Rows} 行：已导入 {Rows - 1} 行，未导入 1 行。");
        var bad = import.ErrorRows.Filter(new() { HasTextString = badName });
        await Expect(bad).ToHaveCountAsync(1);
        await Expect(bad.GetByRole(AriaRole.Cell)).ToHaveTextAsync([$"{BadRow}", badName, "证件号码", $"证件号码：出生日期“{badDate}”不是有效日期"]);
        await Expect(import.Report).ToContainTextAsync($"已导入的行：第 3–{BadRow - 1}、{BadRow + 1}–{Rows + 2} 行。");
        await Expect(import.Submit).ToBeEnabledAsync();
        await ScreenshotAsync(page, "import-report-360x740");
    });

    private sealed record Poll(string Path, int Status, string Body);

    /// <summary>
    /// A csv of <see cref="Households"/> households of <see cref="PersonsPerHousehold"/>, as the template lays it out, with
    /// one child whose ID number has an impossible birth date (row <see cref="BadRow"/>).
    /// </summary>
    private static (byte[] Csv, string BadName, string BadDate) HouseholdList(string gridCode)
    {
        var text = new StringBuilder();
        text.Append("说明行\r\n").Append(string.Join(",", ImportColumns.All.Select(ImportColumns.Header))).Append("\r\n");
        var issued = new HashSet<string>();
        string NewId()
        {
            while (true)
            {
                var birth = SyntheticIdNumbers.BirthDate(Random, new DateOnly(2026, 11, 24), 20, 70);
                var id = SyntheticIdNumbers.Make(Random, "530427", birth, Sex.Female);
                if (issued.Add(id))
                {
                    return id;
                }
            }
        }

        var suffix = Random.Next(0, 10_000).ToString("D4", System.Globalization.CultureInfo.InvariantCulture);
        var badName = "错日期" + suffix;
        const string badDate = "19900231";
        var row = 3;
        for (var h = 1; h <= Households; h++)
        {
            for (var p = 0; p < PersonsPerHousehold; p++, row++)
            {
                var (relation, name, id) = p == 0 ? ("户主", $"户主{suffix}-{h}", NewId()) : ("子女", $"子女{suffix}-{h}-{p}", NewId());
                if (row == BadRow)
                {
                    var body = "53042719900231" + "123";
                    (name, id) = (badName, body + IdNumbers.CheckChar(body));
                }

                string[] cells =
                [
                    gridCode, $"{h}", p == 0 ? $"大寨小组{suffix}-{h}号" : "", "", "", relation, name, "", id, "", "", "", "", "", "", "",
                ];
                text.Append(string.Join(",", cells)).Append("\r\n");
            }
        }

        return ([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())], badName, badDate);
    }
}
