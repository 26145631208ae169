using System.Net;
using GridGuard.Features.Canvassing.Tips;
using GridGuard.Features.ControlPlans;
using GridGuard.Platform.Auth;
using GridGuard.Tests.Features.Canvassing;
using GridGuard.Tests.Features.Canvassing.Tips;
using GridGuard.Tests.Infrastructure;

namespace GridGuard.Tests.Features.ControlPlans;

[Collection(AppCollection.Name)]
public sealed class ArrivalPageTests(AppFactory app)
{
    private TipsHost Host => ArrivalKit.Host(app);

    private static Dictionary<string, string> Fill(Dictionary<string, string> form, Guid villageId, string idNumber, DateOnly departed,
        DateOnly arrived)
    {
        form["Input.VillageId"] = villageId.ToString();
        form["Input.StayAddress"] = "和平路 9 号";
        form["Input.Name"] = "赵返乡";
        form["Input.IdType"] = "ResidentIdCard";
        form["Input.IdNumber"] = idNumber;
        form["Input.Phone"] = "13900139000";
        form["Input.FromPlaceName"] = "广州市天河区";
        form["Input.FromPlaceCode"] = "440106";
        form["Input.DepartedOn"] = ArrivalKit.Day(departed);
        form["Input.ArrivedOn"] = ArrivalKit.Day(arrived);
        form["Input.Stays[0].PlaceCode"] = "440106";
        form["Input.Stays[0].From"] = ArrivalKit.Day(departed.AddDays(-5));
        form["Input.Stays[0].To"] = ArrivalKit.Day(departed);
        form["Input.Stays[1].PlaceCode"] = "";
        return form;
    }

    [Fact]
    public async Task ArrivalPage_AnonymousVisitor_ChoosesTheVillageFilesAndGetsAReceipt()
    {
        var tree = await TestTree.CreateAsync(app);
        var today = ArrivalKit.Today(Host);
        var client = Host.Anonymous(TipsHost.NewIp());
        var url = $"/arrivals/new?township={tree.Township1.Id}";
        var idNumber = Registry.NewIdNumber();

        var html = await client.GetStringAsync(url);
        var form = Fill(await Forms.GetFormAsync(client, url, "arrival"), tree.Village1.Id, idNumber, today.AddDays(-2), today);
        var posted = await Forms.PostAsync(client, url, form);
        var receipt = await posted.Content.ReadAsStringAsync();

        Assert.Contains("<h1>返乡报备</h1>", html, StringComparison.Ordinal);
        Assert.Contains(tree.Village1.Name, html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        var report = Assert.Single(await ArrivalKit.ReportsOfAsync(app, idNumber));
        Assert.Contains($"data-testid=\"arrival-reference\">{TipReference.Of(report.Id)}<", receipt, StringComparison.Ordinal);
        var stored = (await ArrivalKit.ReportAsync(app, report.Id))!;
        var stay = Assert.Single(stored.Stays);
        Assert.Equal(("440106", today.AddDays(-7), today.AddDays(-2)), (stay.PlaceCode, stay.From, stay.To));
        Assert.NotNull(stored.PersonId);
    }

    [Fact]
    public async Task ArrivalPage_BadDatesAndChecksum_ChineseMessagesBesideTheFieldsAndARowCanBeAdded()
    {
        var tree = await TestTree.CreateAsync(app);
        var today = ArrivalKit.Today(Host);
        var client = Host.Anonymous(TipsHost.NewIp());
        var url = $"/arrivals/new?township={tree.Township1.Id}";
        var idNumber = Registry.NewIdNumber();
        var form = Fill(await Forms.GetFormAsync(client, url, "arrival"), tree.Village1.Id, idNumber[..17] + (idNumber[17] == '0' ? '1' : '0'),
            today, today.AddDays(-1));
        form["Input.Stays[0].To"] = ArrivalKit.Day(today.AddDays(-9));

        var html = await (await Forms.PostAsync(client, url, form)).Content.ReadAsStringAsync();
        form["add-stay"] = "1";
        var added = await (await Forms.PostAsync(client, url, form)).Content.ReadAsStringAsync();

        Assert.Contains("data-testid=\"error-ArrivedOn\">抵达日期：不能早于出发日期", html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"error-IdNumber\">身份证号码：校验位不正确", html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"error-Stays[0].To\">旅居史第 1 行结束日期：不能早于开始日期", html, StringComparison.Ordinal);
        Assert.Contains("name=\"Input.Stays[2].PlaceCode\"", added, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"error-", added, StringComparison.Ordinal);
        Assert.Empty(await ArrivalKit.ReportsOfAsync(app, idNumber[..17] + (idNumber[17] == '0' ? '1' : '0')));
    }

    [Fact]
    public async Task ArrivalPage_GridWorker_NodePresetToTheirsAndLoginPageLinksTheForm()
    {
        var tree = await TestTree.CreateAsync(app);
        var worker = await TestUsers.CreateAsync(app, (Role.VillageOfficer, tree.Village1.Id));
        var client = await app.PageClientAsync(worker);

        var html = await client.GetStringAsync("/arrivals/new");
        var login = await app.CreateClient().GetStringAsync("/login");

        Assert.Matches($"<option value=\"{tree.Village1.Id}\" selected", html);
        Assert.DoesNotContain(tree.Village3.Name, html, StringComparison.Ordinal);
        Assert.Contains("href=\"/arrivals/new\" data-testid=\"arrival-link\"", login, StringComparison.Ordinal);
    }
}
