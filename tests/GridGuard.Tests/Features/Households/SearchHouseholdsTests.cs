using System.Net;
using System.Net.Http.Json;
using GridGuard.Features.Households;
using GridGuard.Platform.Auth;
using GridGuard.Tests.Infrastructure;
using static GridGuard.Tests.Features.Households.RegistryArrange;

namespace GridGuard.Tests.Features.Households;

[Collection(AppCollection.Name)]
public sealed class SearchHouseholdsTests(AppFactory app)
{
    private static async Task<SearchHouseholds.Response> SearchAsync(HttpClient client, string query) =>
        (await client.GetFromJsonAsync<SearchHouseholds.Response>("/api/households?" + query, TestJson.Options))!;

    [Fact]
    public async Task SearchHouseholds_ByAddressPart_FindsHousehold()
    {
        var g = await TwoGridsAsync(app);
        var street = "梧桐巷" + Guid.NewGuid().ToString("N")[..6];
        var id = await HouseholdAsync(g.A, g.Tree.Grid1.Id, street + "7号");

        var body = await SearchAsync(g.A, "q=" + Uri.EscapeDataString(street));

        var item = Assert.Single(body.Items);
        Assert.Equal(id, item.Id);
        Assert.Equal("按姓名或地址", body.Mode);
    }

    [Fact]
    public async Task SearchHouseholds_ByHeadNamePrefix_FindsHousehold()
    {
        var g = await TwoGridsAsync(app);
        var surname = "欧阳" + Guid.NewGuid().ToString("N")[..4];
        var id = await HouseholdAsync(g.A, g.Tree.Grid1.Id);
        await MemberAsync(g.A, id, surname + "明");

        var body = await SearchAsync(g.A, "q=" + Uri.EscapeDataString(surname));

        var item = Assert.Single(body.Items);
        Assert.Equal(id, item.Id);
        Assert.Equal(surname + "明", item.HeadName);
    }

    [Fact]
    public async Task SearchHouseholds_ByMemberPhone_FindsHousehold()
    {
        var g = await TwoGridsAsync(app);
        var phone = NewPhone();
        var id = await HouseholdAsync(g.A, g.Tree.Grid1.Id);
        await MemberAsync(g.A, id, "户主甲");
        await MemberAsync(g.A, id, "成员乙", phone: phone);

        var body = await SearchAsync(g.A, "q=" + phone[..3] + "-" + phone[3..7] + "-" + phone[7..]);

        Assert.Equal(id, Assert.Single(body.Items).Id);
        Assert.Equal("按电话号码", body.Mode);
    }

    [Fact]
    public async Task SearchHouseholds_ByIdNumber18Or15OrLowerCaseX_FindsHouseholdAndMasksNumber()
    {
        var g = await TwoGridsAsync(app);
        var number = NewIdNumber(Sex.Male);
        var id = await HouseholdAsync(g.A, g.Tree.Grid1.Id);
        await MemberAsync(g.A, id, "张三", number);

        foreach (var q in new[] { number, FifteenDigits(number), number.ToLowerInvariant() })
        {
            var body = await SearchAsync(g.A, "q=" + q);
            var item = Assert.Single(body.Items);
            Assert.Equal(id, item.Id);
            Assert.Equal(IdNumbers.Mask(number), item.HeadIdNumber);
            Assert.Equal("按证件号码", body.Mode);
        }
    }

    [Fact]
    public async Task SearchHouseholds_AnotherGridsHousehold_IsNeitherListedNorFound()
    {
        var g = await TwoGridsAsync(app);
        var number = NewIdNumber();
        var street = "银杏路" + Guid.NewGuid().ToString("N")[..6];
        var theirs = await HouseholdAsync(g.B, g.Tree.Grid3.Id, street + "1号");
        await MemberAsync(g.B, theirs, "李四", number);

        var byAddress = await SearchAsync(g.A, "q=" + Uri.EscapeDataString(street));
        var byId = await SearchAsync(g.A, "q=" + number);
        var all = await SearchAsync(g.A, "limit=100");
        var filtered = await g.A.GetAsync($"/api/households?jurisdictionId={g.Tree.Grid3.Id}");

        Assert.Empty(byAddress.Items);
        Assert.Empty(byId.Items);
        Assert.DoesNotContain(all.Items, i => i.Id == theirs);
        Assert.Equal(HttpStatusCode.NotFound, filtered.StatusCode);
    }

    [Fact]
    public async Task SearchHouseholds_KeysetPaging_ReturnsEachHouseholdOnce()
    {
        var g = await TwoGridsAsync(app);
        var street = "分页街" + Guid.NewGuid().ToString("N")[..6];
        var ids = new List<Guid>();
        for (var i = 0; i < 7; i++)
        {
            ids.Add(await HouseholdAsync(g.A, g.Tree.Grid1.Id, $"{street}{i}号"));
        }

        var seen = new List<Guid>();
        Guid? after = null;
        var pages = 0;
        do
        {
            var body = await SearchAsync(g.A, $"q={Uri.EscapeDataString(street)}&limit=3" + (after is { } a ? $"&after={a}" : ""));
            seen.AddRange(body.Items.Select(i => i.Id));
            after = body.Next;
            pages++;
        }
        while (after is not null && pages < 10);

        Assert.Equal(3, pages);
        Assert.Equal(ids.Order(), seen.Order());
        Assert.Equal(seen.Count, seen.Distinct().Count());
    }

    [Fact]
    public async Task SearchHouseholds_StewardFilterAndVillageFilter_NarrowTheList()
    {
        var tree = await TestTree.CreateAsync(app);
        var officer = await TestUsers.CreateAsync(app, (Role.VillageOfficer, tree.Village1.Id));
        var steward = await TestUsers.CreateAsync(app, (Role.Steward, tree.Grid1.Id));
        var client = await app.ApiClientAsync(officer);
        var street = "包保路" + Guid.NewGuid().ToString("N")[..6];
        var with = await HouseholdAsync(client, tree.Grid1.Id, street + "1号");
        var without = await HouseholdAsync(client, tree.Grid1.Id, street + "2号");
        await app.WithDbAsync(async db =>
        {
            (await db.Households.FindAsync(with))!.StewardId = steward.Id;
            await db.SaveChangesAsync();
        });
        var q = "q=" + Uri.EscapeDataString(street) + $"&jurisdictionId={tree.Village1.Id}";

        var stewarded = await SearchAsync(client, q + "&hasSteward=true");
        var missing = await SearchAsync(client, q + "&hasSteward=false");

        Assert.Equal(with, Assert.Single(stewarded.Items).Id);
        Assert.NotNull(stewarded.Items[0].StewardName);
        Assert.Equal(without, Assert.Single(missing.Items).Id);
    }
}
