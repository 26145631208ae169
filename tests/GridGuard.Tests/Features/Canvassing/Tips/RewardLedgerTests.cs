using System.Net;
using System.Net.Http.Json;
using GridGuard.Features.Canvassing;
using GridGuard.Features.Canvassing.Tips;
using GridGuard.Features.Households.Export;
using GridGuard.Features.Jurisdictions;
using GridGuard.Platform.Auth;
using GridGuard.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace GridGuard.Tests.Features.Canvassing.Tips;

[Collection(AppCollection.Name)]
public sealed class RewardLedgerTests(AppFactory app)
{
    /// <summary>The grid of the urban community under township 1 (TestTree has no property for it).</summary>
    private static Jurisdiction UrbanGrid1(TestTree tree) => tree.Nodes[tree.Village2.Code + "001001001"];

    private async Task<KeyPersonFlag> FlagAsync(Jurisdiction grid, string name, FlagStatus status = FlagStatus.Open)
    {
        var person = await Registry.PersonAsync(app, grid, null, name);
        var flag = new KeyPersonFlag
        {
            PersonId = person.Id,
            Category = KeyPersonCategory.Fever,
            JurisdictionId = grid.Id,
            Source = FlagSource.Manual,
            Status = status,
            FlaggedAt = app.Clock.GetUtcNow().UtcDateTime,
        };
        await app.WithDbAsync(async db =>
        {
            db.KeyPersonFlags.Add(flag);
            await db.SaveChangesAsync();
        });
        return flag;
    }

    [Fact]
    public async Task GetRewardSummary_RewardsUnderGrids_RolledUpPerChildNodeAndInTotal()
    {
        var tree = await TestTree.CreateAsync(app);
        await TipData.RewardAsync(app, tree.Grid1, 500, "甲");
        await TipData.RewardAsync(app, tree.Grid1, 300, "乙");
        await TipData.RewardAsync(app, UrbanGrid1(tree), 500, "丙");
        await TipData.RewardAsync(app, tree.Grid3, 500, "丁");
        var county = await app.ApiClientAsync(await TestUsers.CreateAsync(app, (Role.CountyCommander, tree.County.Id)));
        var township2 = await app.ApiClientAsync(await TestUsers.CreateAsync(app, (Role.TownshipOfficer, tree.Township2.Id)));

        var top = await county.GetFromJsonAsync<GetRewardSummary.Response>($"/api/rewards/summary/{tree.County.Id}", TestJson.Options);
        var t1 = await county.GetFromJsonAsync<GetRewardSummary.Response>($"/api/rewards/summary/{tree.Township1.Id}", TestJson.Options);
        var grid = await county.GetFromJsonAsync<GetRewardSummary.Response>($"/api/rewards/summary/{tree.Grid1.Id}", TestJson.Options);
        var outside = await township2.GetAsync($"/api/rewards/summary/{tree.Township1.Id}");

        Assert.Equal(new GetRewardSummary.Tally(4, 1800), top!.Node.Total);
        Assert.Equal([(tree.Township1.Id, 3, 1300), (tree.Township2.Id, 1, 500)],
            top.Children.Select(c => (c.JurisdictionId, c.Total.Count, c.Total.Amount)));
        Assert.Equal([(tree.Village2.Id, 1, 500), (tree.Village1.Id, 2, 800)],
            t1!.Children.Select(c => (c.JurisdictionId, c.Total.Count, c.Total.Amount)));
        Assert.Equal((2, 800, 2, 800, 0), (grid!.Node.Total.Count, grid.Node.Total.Amount, grid.Direct.Count, grid.Direct.Amount, grid.Children.Count));
        Assert.Equal([tree.County.Name, tree.Township1.Name, tree.Village1.Name, "大寨小组"], grid.Ancestors.Select(a => a.Name));
        Assert.Equal(HttpStatusCode.NotFound, outside.StatusCode);
    }

    [Fact]
    public async Task ListRewards_Node_NewestFirstWithMaskedPhonesAndPerRecipientTotals()
    {
        var tree = await TestTree.CreateAsync(app);
        var phone = TipData.NewPhone();
        var first = await TipData.RewardAsync(app, tree.Grid1, 500, "李发现", phone);
        app.Clock.Advance(TimeSpan.FromSeconds(1));
        var second = await TipData.RewardAsync(app, tree.Grid1, 500, "李发现", phone);
        var other = await TipData.RewardAsync(app, tree.Grid1, 300, "何匿名");
        await TipData.RewardAsync(app, tree.Grid3, 500, "外乡人");
        var client = await app.ApiClientAsync(await TestUsers.CreateAsync(app, (Role.VillageOfficer, tree.Village1.Id)));

        var list = await client.GetFromJsonAsync<Paged<ListRewards.Row>>($"/api/rewards?node={tree.Village1.Id}", TestJson.Options);
        var everything = await client.GetFromJsonAsync<Paged<ListRewards.Row>>("/api/rewards", TestJson.Options);
        var recipients = await client.GetFromJsonAsync<Paged<ListRewardRecipients.Row>>($"/api/rewards/recipients?node={tree.Village1.Id}", TestJson.Options);
        var outside = await client.GetAsync($"/api/rewards?node={tree.Village3.Id}");

        Assert.Equal([other.Id, second.Id, first.Id], list!.Items.Select(r => r.Id));
        Assert.Equal(phone[..3] + "****" + phone[^4..], list.Items[1].RecipientPhoneMasked);
        Assert.Equal((tree.Grid1.Name, new DateOnly(2026, 11, 24)), (list.Items[1].JurisdictionName, list.Items[1].Date));
        Assert.Equal(list.Items.Select(r => r.Id), everything!.Items.Select(r => r.Id));
        Assert.Equal([("李发现", 2, 1000), ("何匿名", 1, 300)], recipients!.Items.Select(r => (r.RecipientName, r.Count, r.Amount)));
        Assert.Equal(HttpStatusCode.NotFound, outside.StatusCode);
    }

    [Fact]
    public async Task RecordReward_Finder_OncePerFlagAndRecipientUnderTheFlagsGrid()
    {
        var tree = await TestTree.CreateAsync(app);
        var flag = await FlagAsync(tree.Grid1, "冯发热");
        var cleared = await FlagAsync(tree.Grid1, "陈解除", FlagStatus.Cleared);
        var elsewhere = await FlagAsync(tree.Grid3, "褚外乡");
        var client = await app.ApiClientAsync(await TestUsers.CreateAsync(app, (Role.VillageOfficer, tree.Village1.Id)));
        var phone = TipData.NewPhone();

        var created = await client.PostAsJsonAsync("/api/rewards", new { keyPersonFlagId = flag.Id, recipientName = "卫网格员", recipientPhone = phone });
        var twice = await client.PostAsJsonAsync("/api/rewards", new { keyPersonFlagId = flag.Id, recipientName = "卫某", recipientPhone = phone });
        var another = await client.PostAsJsonAsync("/api/rewards", new { keyPersonFlagId = flag.Id, recipientName = "蒋群众" });
        var anotherTwice = await client.PostAsJsonAsync("/api/rewards", new { keyPersonFlagId = flag.Id, recipientName = "蒋群众" });
        var onCleared = await client.PostAsJsonAsync("/api/rewards", new { keyPersonFlagId = cleared.Id, recipientName = "沈某", recipientPhone = "123" });
        var outside = await client.PostAsJsonAsync("/api/rewards", new { keyPersonFlagId = elsewhere.Id, recipientName = "韩某" });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var row = await created.Content.ReadFromJsonAsync<ListRewards.Row>(TestJson.Options);
        Assert.Equal((500, tree.Grid1.Id, "卫网格员", "发现重点人员（发热人员）：冯发热", (Guid?)flag.Id),
            (row!.Amount, row.JurisdictionId, row.RecipientName, row.Reason, row.KeyPersonFlagId));
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        Assert.Equal(HttpStatusCode.Created, another.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, anotherTwice.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, onCleared.StatusCode);
        var errors = new Dictionary<string, string[]>(
            (await onCleared.Content.ReadFromJsonAsync<HttpValidationProblemDetails>(TestJson.Options))!.Errors, StringComparer.OrdinalIgnoreCase);
        Assert.Equal(["重点人员标记：已解除的标记不能登记奖励"], errors["KeyPersonFlagId"]);
        Assert.StartsWith("领取人电话：", errors["RecipientPhone"][0], StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, outside.StatusCode);
    }

    [Fact]
    public async Task ExportRewards_Node_XlsxWithMaskedPhonesAndNeutralisedFormulaCells()
    {
        var tree = await TestTree.CreateAsync(app);
        await TipData.RewardAsync(app, tree.Grid1, 500, "=HYPERLINK(\"http://x\")", "13812345678", "@发现重点人员");
        await TipData.RewardAsync(app, tree.Grid3, 500, "外乡人");
        var client = await app.ApiClientAsync(await TestUsers.CreateAsync(app, (Role.VillageOfficer, tree.Village1.Id)));

        var response = await client.GetAsync($"/api/rewards/export.xlsx?node={tree.Village1.Id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(ExportRoster.ContentType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"奖励台账_{tree.Village1.Name}_20261124.xlsx", response.Content.Headers.ContentDisposition?.FileNameStar);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        using (var stream = new MemoryStream(bytes))
        {
            var header = (IDictionary<string, object?>)MiniExcel.Query(stream, excelType: ExcelType.XLSX).First();
            Assert.Equal(RewardRow.Headers, header.Values.Select(v => v?.ToString() ?? ""));
        }

        using var data = new MemoryStream(bytes);
        var rows = MiniExcel.Query(data, useHeaderRow: true, excelType: ExcelType.XLSX).Cast<IDictionary<string, object?>>().ToList();
        var row = Assert.Single(rows);
        Assert.Equal("'=HYPERLINK(\"http://x\")", row["领取人"]);
        Assert.Equal("138****5678", row["联系电话"]);
        Assert.Equal("'@发现重点人员", row["奖励事由"]);
        Assert.Equal(500, Convert.ToInt32(row["金额（元）"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(tree.Grid1.Name, row["网格"]);
    }

    [Fact]
    public async Task RewardsPage_County_ChildTotalsLinkDownAndRecipientsView()
    {
        var tree = await TestTree.CreateAsync(app);
        await TipData.RewardAsync(app, tree.Grid1, 500, "甲");
        await TipData.RewardAsync(app, UrbanGrid1(tree), 300, "乙");
        var client = await app.PageClientAsync(await TestUsers.CreateAsync(app, (Role.CountyCommander, tree.County.Id)));
        var volunteer = await app.PageClientAsync(await TestUsers.CreateAsync(app, (Role.Volunteer, tree.County.Id)));

        var home = await client.GetStringAsync("/rewards");
        var township = await client.GetStringAsync($"/rewards/{tree.Township1.Id}?view=recipients");
        var refused = await volunteer.GetAsync("/rewards");

        Assert.Contains($"<h1>{tree.County.Name} · 奖励台账</h1>", home, StringComparison.Ordinal);
        Assert.Contains($"data-testid=\"reward-child-{tree.Township1.Code}\"><a href=\"/rewards/{tree.Township1.Id}\">", home, StringComparison.Ordinal);
        Assert.Contains("2 笔 · 800 元", home, StringComparison.Ordinal);
        Assert.Contains($"href=\"/api/rewards/export.xlsx?node={tree.County.Id}\"", home, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"reward-recipients\"", township, StringComparison.Ordinal);
        Assert.Contains("1 笔 · 300 元", township, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("您的岗位无权查看奖励台账", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RewardTable_SecondRewardForOneTip_RefusedByTheUniqueIndex()
    {
        var tree = await TestTree.CreateAsync(app);
        var tip = await TipData.TipAsync(app, tree.Village1);
        Reward For(Guid tipId) => new()
        {
            TipId = tipId,
            RecipientName = "王热心",
            JurisdictionId = tree.Grid1.Id,
            Amount = 500,
            Reason = "群众线索",
            CreatedAt = app.Clock.GetUtcNow().UtcDateTime,
        };
        await app.WithDbAsync(async db =>
        {
            db.Rewards.Add(For(tip.Id));
            await db.SaveChangesAsync();
        });

        var twin = await Record.ExceptionAsync(() => app.WithDbAsync(async db =>
        {
            db.Rewards.Add(For(tip.Id));
            await db.SaveChangesAsync();
        }));

        Assert.IsType<DbUpdateException>(twin);
    }
}
