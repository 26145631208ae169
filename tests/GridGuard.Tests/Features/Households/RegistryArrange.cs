using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using GridGuard.Features.Demo;
using GridGuard.Features.Households;
using GridGuard.Platform.Auth;
using GridGuard.Tests.Infrastructure;

namespace GridGuard.Tests.Features.Households;

/// <summary>Arranges registry data through the API, with identity numbers no other test uses.</summary>
public static class RegistryArrange
{
    /// <summary>
    /// A valid 18-character number born in the 20th century (so it has a 15-digit form), under a random Hainan (46)
    /// region code, from a Guid-seeded Random: unique across the tests of a run.
    /// </summary>
    public static string NewIdNumber(Sex sex = Sex.Female, DateOnly? birth = null)
    {
        var random = new Random(Guid.NewGuid().GetHashCode());
        var region = "46" + random.Next(1000, 9999).ToString(CultureInfo.InvariantCulture);
        var date = birth ?? new DateOnly(1950, 1, 1).AddDays(random.Next(0, 365 * 49));
        return SyntheticIdNumbers.Make(random, region, date, sex);
    }

    /// <summary>The first-generation 15-digit form of an 18-digit number born in 19xx.</summary>
    public static string FifteenDigits(string eighteen) => eighteen[..6] + eighteen[8..17];

    /// <summary>A mobile number no other test uses (in practice).</summary>
    public static string NewPhone() => "139" + Random.Shared.Next(0, 100_000_000).ToString("00000000", CultureInfo.InvariantCulture);

    public static async Task<Guid> HouseholdAsync(HttpClient client, Guid gridId, string? address = null)
    {
        var response = await client.PostAsJsonAsync("/api/households", new
        {
            jurisdictionId = gridId,
            address = address ?? "测试路" + Guid.NewGuid().ToString("N")[..8] + "号",
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<CreateHousehold.Created>(TestJson.Options))!.Id;
    }

    public static Task<HttpResponseMessage> PostMemberAsync(HttpClient client, Guid householdId, object body) =>
        client.PostAsJsonAsync($"/api/households/{householdId}/members", body);

    public static async Task<Guid> MemberAsync(HttpClient client, Guid householdId, string name, string? idNumber = null,
        string? phone = null, string[]? groups = null, string? relation = null)
    {
        var response = await PostMemberAsync(client, householdId, new
        {
            name,
            idType = "ResidentIdCard",
            idNumber = idNumber ?? NewIdNumber(),
            phone,
            vulnerableGroups = groups ?? [],
            relation,
        });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<AddMember.Created>(TestJson.Options))!.Id;
    }

    /// <summary>A tree with a grid manager in each of grid 1 (A) and grid 3 (B), and their API clients.</summary>
    public static async Task<TwoGrids> TwoGridsAsync(AppFactory app)
    {
        var tree = await TestTree.CreateAsync(app);
        var a = await TestUsers.CreateAsync(app, (Role.GridManager, tree.Grid1.Id));
        var b = await TestUsers.CreateAsync(app, (Role.GridManager, tree.Grid3.Id));
        return new TwoGrids(tree, a, b, await app.ApiClientAsync(a), await app.ApiClientAsync(b));
    }

    public sealed record TwoGrids(TestTree Tree, TestUser UserA, TestUser UserB, HttpClient A, HttpClient B);
}

/// <summary>A ProblemDetails body as the registry API sends it.</summary>
public sealed record Problem(int Status, string? Title, string? Detail, Dictionary<string, string[]>? Errors,
    Guid? ExistingPersonId, string? ExistingPersonUrl)
{
    public static async Task<Problem> ReadAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<Problem>(TestJson.Options))!;

    /// <summary>All messages of one field (case-insensitive key).</summary>
    public string For(string field) =>
        string.Join("；", Errors?.Where(e => string.Equals(e.Key, field, StringComparison.OrdinalIgnoreCase))
            .SelectMany(e => e.Value) ?? []);
}

/// <summary>Posts an SSR form whose fields may repeat (checkbox groups).</summary>
public static class RepeatedForms
{
    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string url, string formName,
        params (string Key, string Value)[] fields)
    {
        var hidden = await Forms.GetFormAsync(client, url, formName);
        var all = hidden.Select(h => new KeyValuePair<string, string>(h.Key, h.Value))
            .Concat(fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)));
        return await client.PostAsync(url, new FormUrlEncodedContent(all));
    }
}

/// <summary>Page text as a reader sees it: Blazor encodes CJK characters as entities, so HTML is decoded first.</summary>
public static class PageText
{
    public static async Task<string> GetTextAsync(this HttpClient client, string url) =>
        System.Net.WebUtility.HtmlDecode(await client.GetStringAsync(url));

    public static async Task<string> TextAsync(this HttpResponseMessage response) =>
        System.Net.WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
}
