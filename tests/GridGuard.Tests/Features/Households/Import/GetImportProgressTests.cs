using System.Net;
using System.Net.Http.Json;
using GridGuard.Features.Households.Import;
using GridGuard.Platform.Auth;
using GridGuard.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace GridGuard.Tests.Features.Households.Import;

/// <summary>
/// The progress of an upload, polled by its client-made id while the upload request runs
/// (GET /api/households/import/progress/{id}): counts after each chunk, then done with the report's counts, or refused
/// with the reason; only the uploader sees it.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class GetImportProgressTests(AppFactory app)
{
    private sealed record TokenResponse(string AccessToken);

    private static async Task<HttpClient> ClientAsync(WebApplicationFactory<Program> factory, TestUser user)
    {
        var client = factory.CreateClient();
        var response = await client.PostAsJsonAsync("/api/auth/token", new { userName = user.UserName, password = user.Password });
        response.EnsureSuccessStatusCode();
        var token = await response.Content.ReadFromJsonAsync<TokenResponse>(TestJson.Options);
        client.DefaultRequestHeaders.Authorization = new("Bearer", token!.AccessToken);
        return client;
    }

    private static string NewProgressId() => Guid.NewGuid().ToString();

    private static Task<HttpResponseMessage> UploadAsync(HttpClient client, byte[] bytes, string fileName, string progressId) =>
        client.PostAsync($"/api/households/import?progressId={progressId}", ImportFiles.Form(bytes, fileName));

    private static async Task<ImportStatus?> StatusAsync(HttpClient client, string progressId)
    {
        var response = await client.GetAsync($"/api/households/import/progress/{progressId}");
        return response.StatusCode == HttpStatusCode.NotFound
            ? null
            : (await response.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<ImportStatus>(TestJson.Options))!;
    }

    private static PersonLine[] Lines(TestTree tree, int households)
    {
        var grid = tree.Grid1.Code;
        return Enumerable.Range(1, households).SelectMany(h => new PersonLine[]
        {
            new(grid, $"{h}", $"大寨小组{h}号", "户主", $"户主{h}", ImportFiles.NewId()),
            new(grid, $"{h}", null, "子女", $"子女{h}", ImportFiles.NewId(), Phone: h % 5 == 0 ? "12345" : null),
        }).ToArray();
    }

    [Fact]
    public async Task ImportProgress_AfterAnUpload_IsDoneWithTheReportsCounts()
    {
        var tree = await TestTree.CreateAsync(app);
        var user = await TestUsers.CreateAsync(app, (Role.VillageOfficer, tree.Village1.Id));
        var client = await app.ApiClientAsync(user);
        var id = NewProgressId();

        var response = await UploadAsync(client, ImportFiles.Csv(Lines(tree, 10)), "进度.csv", id);
        var report = (await response.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<HouseholdImportReport>(TestJson.Options))!;
        var status = await StatusAsync(client, id);

        Assert.Equal((20, 18, 2), (report.Rows, report.ImportedPersons, report.RejectedRows));
        Assert.Equal(new ImportStatus("done", 20, 18, 2, 20, null), status);
    }

    [Fact]
    public async Task ImportProgress_WhileAChunkedUploadRuns_OnlyGrowsAndEndsDone()
    {
        var tree = await TestTree.CreateAsync(app);
        var user = await TestUsers.CreateAsync(app, (Role.VillageOfficer, tree.Village1.Id));
        using var factory = app.WithWebHostBuilder(b => b.UseSetting("Import:ChunkRows", "4"));
        var uploader = await ClientAsync(factory, user);
        var poller = await ClientAsync(factory, user);
        var id = NewProgressId();

        var upload = UploadAsync(uploader, ImportFiles.Csv(Lines(tree, 150)), "分块.csv", id);
        var seen = new List<ImportStatus>();
        while (!upload.IsCompleted)
        {
            if (await StatusAsync(poller, id) is { } s)
            {
                seen.Add(s);
            }

            await Task.Delay(5);
        }

        (await upload).EnsureSuccessStatusCode();
        seen.Add((await StatusAsync(poller, id))!);

        // Whatever the polls caught (the machine decides how many), the counts never go back and the states keep order.
        string[] order = ["running", "finishing", "done"];
        for (var i = 1; i < seen.Count; i++)
        {
            Assert.True(seen[i].Rows >= seen[i - 1].Rows && seen[i].Imported >= seen[i - 1].Imported, $"{seen[i - 1]} → {seen[i]}");
            Assert.True(Array.IndexOf(order, seen[i].State) >= Array.IndexOf(order, seen[i - 1].State), $"{seen[i - 1]} → {seen[i]}");
        }

        Assert.All(seen.Where(s => s.State == "running"), s => Assert.True(s.Imported + s.Rejected <= s.Rows));
        Assert.Equal(new ImportStatus("done", 300, 270, 30, 300, null), seen[^1]);
    }

    [Fact]
    public async Task ImportProgress_RefusedFile_SaysWhy()
    {
        var tree = await TestTree.CreateAsync(app);
        var client = await app.ApiClientAsync(await TestUsers.CreateAsync(app, (Role.VillageOfficer, tree.Village1.Id)));
        var id = NewProgressId();

        var response = await UploadAsync(client, "这不是表格"u8.ToArray(), "名单.pdf", id);
        var status = await StatusAsync(client, id);

        Assert.False(response.IsSuccessStatusCode);
        Assert.Equal("refused", status!.State);
        Assert.False(string.IsNullOrEmpty(status.Message));
    }

    [Fact]
    public async Task ImportProgress_OfAnotherUsersUploadOrAnUnknownId_IsNotFound()
    {
        var tree = await TestTree.CreateAsync(app);
        var owner = await app.ApiClientAsync(await TestUsers.CreateAsync(app, (Role.VillageOfficer, tree.Village1.Id)));
        var other = await app.ApiClientAsync(await TestUsers.CreateAsync(app, (Role.VillageOfficer, tree.Village1.Id)));
        var id = NewProgressId();
        (await UploadAsync(owner, ImportFiles.Csv(Lines(tree, 1)), "一户.csv", id)).EnsureSuccessStatusCode();

        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/households/import/progress/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await owner.GetAsync($"/api/households/import/progress/{NewProgressId()}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await owner.GetAsync("/api/households/import/progress/bad")).StatusCode);
    }

    [Fact]
    public async Task ImportPage_UploadWithTheScriptsProgressId_IsTrackedForTheSignedInUser()
    {
        var tree = await TestTree.CreateAsync(app);
        var client = await app.PageClientAsync(await TestUsers.CreateAsync(app, (Role.VillageOfficer, tree.Village1.Id)));
        var page = WebUtility.HtmlDecode(await client.GetStringAsync("/households/import"));
        var fields = await Forms.GetFormAsync(client, "/households/import", "household-import");
        var id = NewProgressId();
        fields["progressId"] = id;
        var form = ImportFiles.Form(ImportFiles.Csv(Lines(tree, 2)), "页面进度.csv");
        foreach (var (name, value) in fields)
        {
            form.Add(new StringContent(value), name);
        }

        var response = await client.PostAsync("/households/import", form);
        var status = await StatusAsync(client, id);

        Assert.Contains("name=\"progressId\"", page, StringComparison.Ordinal);
        Assert.Contains("gridGuardImportProgress(f)", page, StringComparison.Ordinal);
        Assert.Contains("id=\"import-progress\"", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(new ImportStatus("done", 4, 4, 0, 4, null), status);
        var script = await client.GetAsync("/js/import-progress.js");
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Contains("/api/households/import/progress/", await script.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
