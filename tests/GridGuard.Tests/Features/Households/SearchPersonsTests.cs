using System.Net;
using System.Net.Http.Json;
using GridGuard.Features.Households;
using GridGuard.Platform.Auth;
using GridGuard.Tests.Infrastructure;
using static GridGuard.Tests.Features.Households.RegistryArrange;

namespace GridGuard.Tests.Features.Households;

[Collection(AppCollection.Name)]
public sealed class SearchPersonsTests(AppFactory app)
{
    private static async Task<SearchPersons.Response> SearchAsync(HttpClient client, string query) =>
        (await client.GetFromJsonAsync<SearchPersons.Response>("/api/persons?" + query, TestJson.Options))!;

    /// <summary>Follows <c>next</c> from the first page (at most 10 pages), asserting the page size; the pages' items.</summary>
    private static async Task<List<List<SearchPersons.Item>>> PagesAsync(HttpClient client, string query, int limit)
    {
        var pages = new List<List<SearchPersons.Item>>();
        Guid? after = null;
        do
        {
            var body = await SearchAsync(client, $"{query}&limit={limit}" + (after is { } a ? $"&after={a}" : ""));
            Assert.True(body.Items.Count <= limit);
            pages.Add([.. body.Items]);
            after = body.Next;
        }
        while (after is not null && pages.Count < 10);

        return pages;
    }

    [Fact]
    public async Task SearchPersons_ByNamePrefixPhoneAndFifteenDigitId_FindsThePerson()
    {
        var g = await TwoGridsAsync(app);
        var household = await HouseholdAsync(g.A, g.Tree.Grid1.Id);
        var surname = "司马" + Guid.NewGuid().ToString("N")[..4];
        var number = NewIdNumber();
        var phone = NewPhone();
        await MemberAsync(g.A, household, "户主");
        var id = await MemberAsync(g.A, household, surname + "懿", number, phone);

        var byName = await SearchAsync(g.A, "q=" + Uri.EscapeDataString(surname));
        var byPhone = await SearchAsync(g.A, "q=" + phone);
        var byOldId = await SearchAsync(g.A, "q=" + FifteenDigits(number));

        foreach (var body in new[] { byName, byPhone, byOldId })
        {
            var item = Assert.Single(body.Items);
            Assert.Equal(id, item.Id);
            Assert.Equal(IdNumbers.Mask(number), item.IdNumber);
        }
    }

    [Fact]
    public async Task SearchPersons_AnotherGridsPerson_IsNotFoundAndCannotBeOpened()
    {
        var g = await TwoGridsAsync(app);
        var household = await HouseholdAsync(g.B, g.Tree.Grid3.Id);
        var number = NewIdNumber();
        var theirs = await MemberAsync(g.B, household, "外网格人", number);

        var byId = await SearchAsync(g.A, "q=" + number);
        var open = await g.A.GetAsync($"/api/persons/{theirs}");
        var edit = await g.A.PatchAsJsonAsync($"/api/persons/{theirs}", new { name = "改名" });

        Assert.Empty(byId.Items);
        Assert.Equal(HttpStatusCode.NotFound, open.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, edit.StatusCode);
    }

    [Fact]
    public async Task SearchPersons_KeysetPagingOverAVillage_ReturnsEachPersonOnce()
    {
        var tree = await TestTree.CreateAsync(app);
        var client = await app.ApiClientAsync(await TestUsers.CreateAsync(app, (Role.VillageOfficer, tree.Village1.Id)));
        var household = await HouseholdAsync(client, tree.Grid1.Id);
        var surname = "诸葛" + Guid.NewGuid().ToString("N")[..4];
        var ids = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add(await MemberAsync(client, household, surname + i));
        }

        var pages = await PagesAsync(client, $"q={Uri.EscapeDataString(surname)}&jurisdictionId={tree.Village1.Id}", 2);
        var seen = pages.SelectMany(p => p.Select(x => x.Id));

        Assert.Equal(ids.Order(), seen.Order());
    }

    [Fact]
    public async Task SearchPersons_NamePrefix_PagesInNameOrderThenIdAcrossEqualNames()
    {
        var tree = await TestTree.CreateAsync(app);
        var client = await app.ApiClientAsync(await TestUsers.CreateAsync(app, (Role.VillageOfficer, tree.Village1.Id)));
        var household = await HouseholdAsync(client, tree.Grid1.Id);
        var surname = "欧阳" + Guid.NewGuid().ToString("N")[..4];

        // Added out of name order; two share a name, so the order among them is by Id.
        var jia = await MemberAsync(client, household, surname + "甲");
        var bing1 = await MemberAsync(client, household, surname + "丙");
        var yi = await MemberAsync(client, household, surname + "乙");
        var bing2 = await MemberAsync(client, household, surname + "丙");
        var other = await MemberAsync(client, household, "欧" + Guid.NewGuid().ToString("N")[..4]);

        var pages = (await PagesAsync(client, $"q={Uri.EscapeDataString(surname)}", 2)).Select(p => p.Select(x => x.Id).ToList()).ToList();

        // 丙 (U+4E19) < 乙 (U+4E59) < 甲 (U+7532): code-point order on both providers.
        var bings = new[] { bing1, bing2 }.Order().ToList();
        Assert.Equal([[bings[0], bings[1]], [yi, jia]], pages);
        Assert.DoesNotContain(other, pages.SelectMany(x => x));
    }

    [Fact]
    public async Task SearchPersons_SubtreeWithoutQuery_PagesNodeByNodeAndReturnsEachPersonOnce()
    {
        var tree = await TestTree.CreateAsync(app);
        var urbanGrid = tree.Nodes[tree.CountyCode + "100001001001001"];
        var expected = new Dictionary<Guid, Guid>();
        foreach (var grid in new[] { tree.Grid1, urbanGrid })
        {
            var household = await Canvassing.Registry.HouseholdAsync(app, grid);
            for (var i = 0; i < 3; i++)
            {
                expected[(await Canvassing.Registry.PersonAsync(app, grid, household, "翻页" + i)).Id] = grid.Id;
            }
        }

        var client = await app.ApiClientAsync(await TestUsers.CreateAsync(app, (Role.CountyCommander, tree.County.Id)));
        var seen = (await PagesAsync(client, $"jurisdictionId={tree.Township1.Id}", 2)).SelectMany(p => p).ToList();

        Assert.Equal(expected.Keys.Order(), seen.Select(x => x.Id).Order());
        // Node by node: each grid's persons come together.
        Assert.Equal(2, seen.Select(x => x.JurisdictionId).Chunk(3).Count(c => c.Distinct().Count() == 1));
    }
}
