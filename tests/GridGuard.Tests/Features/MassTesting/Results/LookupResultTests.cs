using System.Net;
using System.Net.Http.Json;
using GridGuard.Features.MassTesting;
using GridGuard.Features.MassTesting.Results.Lookup;
using GridGuard.Tests.Features.Canvassing.Tips;
using GridGuard.Tests.Features.Households;
using GridGuard.Tests.Infrastructure;

namespace GridGuard.Tests.Features.MassTesting.Results;

/// <summary>The public lookup, through <see cref="TipsHost"/>: its own client IPs and its own clock, over the shared database.</summary>
[Collection(AppCollection.Name)]
public sealed class LookupResultTests(AppFactory app)
{
    private static Task<HttpResponseMessage> LookupAsync(HttpClient client, string idNumber, string phone) =>
        client.PostAsJsonAsync("/api/result-lookup", new { idNumber, phone });

    private async Task<(ResultsKit.Setup Setup, string IdNumber, string Phone, string Barcode, Guid PersonId)> PooledPositiveAsync()
    {
        var s = await ResultsKit.SetupAsync(app, 0);
        var (idNumber, phone) = (RegistryArrange.NewIdNumber(), RegistryArrange.NewPhone());
        var household = await RegistryArrange.HouseholdAsync(s.Round.Grid1, s.Round.Tree.Grid1.Id);
        var person = await RegistryArrange.MemberAsync(s.Round.Grid1, household, "王小明", idNumber, phone);
        var opened = await RoundKit.OpenAsync(s.Round.Township, s.Round.Tree.Township1.Id);
        s = s with { RoundId = opened.Id };
        var tube = await ResultsKit.TubeAsync(app, s, 5, [person]);
        await ResultsKit.RecordAsync(s.LabClient, tube.Barcode, "阳性");
        return (s, idNumber, phone, tube.Barcode, person);
    }

    [Fact]
    public async Task LookupResult_RightPair_ShowsOutcomeInstructionAndPersonCode_WrongPairSameAsUnknown()
    {
        var (_, idNumber, phone, _, personId) = await PooledPositiveAsync();
        var client = TipsHost.For(app).Anonymous(TipsHost.NewIp());

        var found = await LookupAsync(client, idNumber.ToLowerInvariant(), phone);
        var wrongPhone = await LookupAsync(client, idNumber, RegistryArrange.NewPhone());
        var unknown = await LookupAsync(client, RegistryArrange.NewIdNumber(), phone);
        var bad = await LookupAsync(client, "12345", "");

        Assert.Equal(HttpStatusCode.OK, found.StatusCode);
        var answer = (await found.Content.ReadFromJsonAsync<LookupResult.Answer>(TestJson.Options))!;
        Assert.Equal("王**", answer.Name);
        var item = Assert.Single(answer.Samplings);
        Assert.Equal(SamplingOutcome.PooledPositive, item.Outcome);
        Assert.Contains("原地等待单管复核", item.Instruction, StringComparison.Ordinal);
        Assert.Equal(PersonCode.Of(personId), answer.PersonCode);
        Assert.Equal(HttpStatusCode.NotFound, wrongPhone.StatusCode);
        Assert.DoesNotContain(PersonCode.Of(personId), await wrongPhone.TextAsync(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        var (p1, p2) = (await Problem.ReadAsync(wrongPhone), await Problem.ReadAsync(unknown));
        Assert.Equal((p1.Title, p1.Detail), (p2.Title, p2.Detail));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var problem = await Problem.ReadAsync(bad);
        Assert.Contains("身份证号码", problem.Errors!["IdNumber"][0], StringComparison.Ordinal);
        Assert.Contains("手机号码", problem.Errors!["Phone"][0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task LookupResult_PerIdNumberAndPerIp_429WithRetryAfter()
    {
        var (_, idNumber, phone, _, _) = await PooledPositiveAsync();
        var options = new LookupOptions();
        var host = TipsHost.For(app);

        // One ID number from many addresses: guessing its phone is cut off after PerIdLimit tries.
        HttpResponseMessage? last = null;
        for (var i = 0; i <= options.PerIdLimit; i++)
        {
            last = await LookupAsync(host.Anonymous(TipsHost.NewIp()), idNumber, RegistryArrange.NewPhone());
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, last!.StatusCode);
        Assert.True(last.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await LookupAsync(host.Anonymous(TipsHost.NewIp()), idNumber, phone)).StatusCode);

        // One address, many ID numbers: cut off after PerIpLimit lookups.
        var client = host.Anonymous(TipsHost.NewIp());
        for (var i = 0; i < options.PerIpLimit; i++)
        {
            Assert.Equal(HttpStatusCode.NotFound, (await LookupAsync(client, RegistryArrange.NewIdNumber(), phone)).StatusCode);
        }

        var limited = await LookupAsync(client, RegistryArrange.NewIdNumber(), phone);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Contains("查询过于频繁", await limited.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // The window passes: the resident can look up again.
        host.Clock.Advance(options.PerIdWindow + TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.OK, (await LookupAsync(host.Anonymous(TipsHost.NewIp()), idNumber, phone)).StatusCode);
    }

    [Fact]
    public async Task ResultLookupPage_Anonymous_FormAndAnswerWithThePersonCodeQr()
    {
        var (_, idNumber, phone, _, personId) = await PooledPositiveAsync();
        var client = TipsHost.For(app).Anonymous(TipsHost.NewIp());

        var html = await client.GetStringAsync("/result-lookup");
        var form = await Forms.GetFormAsync(client, "/result-lookup", "lookup");
        form["Input.IdNumber"] = idNumber;
        form["Input.Phone"] = phone;
        var posted = await Forms.PostAsync(client, "/result-lookup", form);

        Assert.Contains("核酸结果查询", html, StringComparison.Ordinal);
        Assert.DoesNotContain("我的个人码", html, StringComparison.Ordinal);
        var answer = await posted.Content.ReadAsStringAsync();
        Assert.Contains("请原地等待单管复核", answer, StringComparison.Ordinal);
        Assert.Contains("我的个人码", answer, StringComparison.Ordinal);
        Assert.Contains(PersonCode.Of(personId), answer, StringComparison.Ordinal);
        Assert.Contains("aria-label=\"王** 的个人码\"", answer, StringComparison.Ordinal);
    }
}
