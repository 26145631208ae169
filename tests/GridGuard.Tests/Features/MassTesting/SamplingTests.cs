using System.Net;
using System.Net.Http.Json;
using GridGuard.Features.MassTesting;
using GridGuard.Features.MassTesting.Collection;
using GridGuard.Platform.Auth;
using GridGuard.Tests.Features.Households;
using GridGuard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Tests.Features.MassTesting;

[Collection(AppCollection.Name)]
public sealed class SamplingTests(AppFactory app)
{
    private static (string, string[])[] People(int n, string prefix) =>
        Enumerable.Range(1, n).Select(i => ($"{prefix}{i}", Array.Empty<string>())).ToArray();

    [Fact]
    public async Task Sampling_TenInOneTube_ClosesAtCapacityAndRefusesTheEleventh()
    {
        var s = await RoundKit.SetupAsync(app);
        var people = await RoundKit.HouseholdAsync(s.Grid1, s.Tree.Grid1.Id, People(6, "甲"));
        people.AddRange(await RoundKit.HouseholdAsync(s.Grid1, s.Tree.Grid1.Id, People(5, "乙")));
        var round = await RoundKit.OpenAsync(s.Township, s.Tree.Township1.Id);
        var sampler = await RoundKit.SamplerAsync(app, s.Tree.Village1.Id);
        var tube = RoundKit.NewBarcode();

        var results = new List<ScanResult>();
        for (var i = 0; i < 10; i++)
        {
            results.Add(await RoundKit.ScanAsync(sampler, round.Id, people[i], tube, 10));
        }

        var eleventh = await sampler.PostAsJsonAsync($"/api/testing-rounds/{round.Id}/samplings", RoundKit.ScanOf(people[10], tube));

        Assert.Equal(Enumerable.Range(1, 10), results.Select(r => r.TubeCount!.Value));
        Assert.All(results.Take(9), r => Assert.False(r.TubeClosed));
        Assert.True(results[9].TubeClosed);
        Assert.Equal(HttpStatusCode.Conflict, eleventh.StatusCode);
        Assert.Contains("已封管", (await Problem.ReadAsync(eleventh)).Errors!["tube"][0]);
        var tally = await app.WithDbAsync(db => db.RoundTallies.SingleAsync(t => t.RoundId == round.Id && t.JurisdictionId == s.Tree.Grid1.Id));
        Assert.Equal(10, tally.Sampled);
    }

    [Fact]
    public async Task Sampling_PersonUnderOpenPlan_RefusedInPooledTubeAcceptedInSingleTube()
    {
        var s = await RoundKit.SetupAsync(app);
        var people = await RoundKit.HouseholdAsync(s.Grid1, s.Tree.Grid1.Id, ("管控甲", []), ("邻居乙", []));
        await RoundKit.PlanAsync(app, people[0], s.Tree.Grid1.Id);
        var round = await RoundKit.OpenAsync(s.Township, s.Tree.Township1.Id);
        var sampler = await RoundKit.SamplerAsync(app, s.Tree.Township1.Id);
        var pooled = RoundKit.NewBarcode();

        await RoundKit.ScanAsync(sampler, round.Id, people[1], pooled, 5);
        var refused = await sampler.PostAsJsonAsync($"/api/testing-rounds/{round.Id}/samplings", RoundKit.ScanOf(people[0], pooled));
        var single = await RoundKit.ScanAsync(sampler, round.Id, people[0], RoundKit.NewBarcode(), 1);

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var message = (await Problem.ReadAsync(refused)).Errors!["personCode"][0];
        Assert.Contains("必须单人单管", message);
        Assert.Contains("正在落实管控措施", message);
        Assert.True(single.TubeClosed);
        Assert.Equal(1, await app.WithDbAsync(db => db.Tubes.Where(t => t.Barcode == pooled).Select(t => t.Count).SingleAsync()));
    }

    [Fact]
    public async Task SamplingBatch_PooledTubeOpenedInTheSameBatch_RefusesThePersonUnderPlanAndAcceptsTheSingleTubes()
    {
        var s = await RoundKit.SetupAsync(app);
        var people = await RoundKit.HouseholdAsync(s.Grid1, s.Tree.Grid1.Id, ("管控丙", []), ("邻居丁", []));
        await RoundKit.PlanAsync(app, people[0], s.Tree.Grid1.Id);
        var round = await RoundKit.OpenAsync(s.Township, s.Tree.Township1.Id);
        var sampler = await RoundKit.SamplerAsync(app, s.Tree.Township1.Id);
        var pooled = RoundKit.NewBarcode();

        // The pool size comes with the neighbour's scan only; the controlled person's scan names just the barcode.
        var answer = await RoundKit.BatchAsync(sampler, round.Id, [
            RoundKit.ScanOf(people[1], pooled, 10),
            RoundKit.ScanOf(people[0], pooled),
            RoundKit.ScanOf(people[0], RoundKit.NewBarcode(), 1),
        ]);

        Assert.Equal((2, 1), (answer.Accepted, answer.Refused));
        Assert.Equal(ScanStatus.Refused, answer.Results[1].Status);
        Assert.Contains("必须单人单管", answer.Results[1].Reason);
        Assert.Equal(ScanStatus.Accepted, answer.Results[2].Status);
    }

    [Fact]
    public async Task SamplingBatch_SmallAndLarge_BothWriteTubesMembersTalliesAndOneAuditLinePerRequest()
    {
        // 3 scans take the writer's small path (one round trip on PostgreSQL), 70 the general path (COPY).
        var s = await RoundKit.SetupAsync(app);
        var people = await RoundKit.HouseholdAsync(s.Grid1, s.Tree.Grid1.Id, People(6, "小批"));
        for (var i = 0; i < 13; i++)
        {
            people.AddRange(await RoundKit.HouseholdAsync(s.Grid1, s.Tree.Grid1.Id, People(6, $"大批{i}_")));
        }

        var round = await RoundKit.OpenAsync(s.Township, s.Tree.Township1.Id);
        var sampler = await RoundKit.SamplerAsync(app, s.Tree.Township1.Id);
        var small = RoundKit.NewBarcode();
        var largeScans = people.Skip(3).Take(70).Select((p, i) => RoundKit.ScanOf(p, $"{small[..^2]}{i:D2}X", 1)).ToList();

        var first = await RoundKit.BatchAsync(sampler, round.Id, people.Take(3).Select((p, i) => RoundKit.ScanOf(p, small, i == 0 ? 5 : null)));
        var second = await RoundKit.BatchAsync(sampler, round.Id, largeScans);

        Assert.Equal((3, 0), (first.Accepted, first.Refused));
        Assert.Equal((70, 0), (second.Accepted, second.Refused));
        var (tubeCount, sampled, members, audits) = await app.WithDbAsync(async db => (
            await db.Tubes.Where(t => t.Barcode == small).Select(t => t.Count).SingleAsync(),
            await db.RoundTallies.Where(t => t.RoundId == round.Id && t.JurisdictionId == s.Tree.Grid1.Id).Select(t => t.Sampled).SingleAsync(),
            await db.RoundMembers.CountAsync(m => m.RoundId == round.Id && m.FirstSampledAt != null && m.Samplings == 1),
            await db.AuditEntries.Where(a => a.Entity == nameof(Sampling)).Select(a => a.Changes).ToListAsync()));
        Assert.Equal(3, tubeCount);
        Assert.Equal(73, sampled);
        Assert.Equal(73, members);
        Assert.Equal(2, audits.Count(c => c!.Contains(round.Id.ToString(), StringComparison.OrdinalIgnoreCase)));
    }

    [Fact]
    public async Task Sampling_SecondTimeInRound_AcceptedWithWarning()
    {
        var s = await RoundKit.SetupAsync(app);
        var people = await RoundKit.HouseholdAsync(s.Grid1, s.Tree.Grid1.Id, ("重复甲", []));
        var round = await RoundKit.OpenAsync(s.Township, s.Tree.Township1.Id);
        var sampler = await RoundKit.SamplerAsync(app, s.Tree.Township1.Id);

        var first = await RoundKit.ScanAsync(sampler, round.Id, people[0], RoundKit.NewBarcode(), 1);
        var second = await RoundKit.ScanAsync(sampler, round.Id, people[0], RoundKit.NewBarcode(), 1);

        Assert.Null(first.Warning);
        Assert.Contains("本轮已采样 1 次", second.Warning);
        var (member, tally) = await app.WithDbAsync(async db => (
            await db.RoundMembers.SingleAsync(m => m.RoundId == round.Id && m.PersonId == people[0]),
            await db.RoundTallies.SingleAsync(t => t.RoundId == round.Id && t.JurisdictionId == s.Tree.Grid1.Id)));
        Assert.Equal(2, member.Samplings);
        Assert.Equal(1, tally.Sampled);
    }

    [Fact]
    public async Task SamplingBatch_SentTwice_WritesOnceAndAnswersDuplicates()
    {
        var s = await RoundKit.SetupAsync(app);
        var people = await RoundKit.HouseholdAsync(s.Grid1, s.Tree.Grid1.Id, People(3, "离线"));
        var round = await RoundKit.OpenAsync(s.Township, s.Tree.Township1.Id);
        var sampler = await RoundKit.SamplerAsync(app, s.Tree.Township1.Id);
        var tube = RoundKit.NewBarcode();
        var scans = new List<object> { new { clientId = Guid.NewGuid(), tube, poolSize = 5 } };
        scans.AddRange(people.Select(p => RoundKit.ScanOf(p, tube)));

        var first = await RoundKit.BatchAsync(sampler, round.Id, scans);
        var again = await RoundKit.BatchAsync(sampler, round.Id, scans);

        Assert.Equal((4, 0, 0), (first.Accepted, first.Duplicate, first.Refused));
        // Opening a tube that is open already just answers its state; the scans are recognised by their client ids.
        Assert.Equal((1, 3, 0), (again.Accepted, again.Duplicate, again.Refused));
        Assert.Equal(3, again.Results[0].TubeCount);
        var (samplings, tubeCount, tally) = await app.WithDbAsync(async db => (
            await db.Samplings.CountAsync(x => x.RoundId == round.Id),
            await db.Tubes.Where(t => t.Barcode == tube).Select(t => t.Count).SingleAsync(),
            await db.RoundTallies.SingleAsync(t => t.RoundId == round.Id && t.JurisdictionId == s.Tree.Grid1.Id)));
        Assert.Equal(3, samplings);
        Assert.Equal(3, tubeCount);
        Assert.Equal(3, tally.Sampled);
    }

    [Fact]
    public async Task SamplingBatch_SomeBad_GoodAcceptedEachBadWithItsReason()
    {
        var s = await RoundKit.SetupAsync(app);
        var inside = await RoundKit.HouseholdAsync(s.Grid1, s.Tree.Grid1.Id, People(2, "好"));
        var outside = await RoundKit.HouseholdAsync(s.Grid3, s.Tree.Grid3.Id, ("外乡", []));
        var round = await RoundKit.OpenAsync(s.Township, s.Tree.Township1.Id);
        var other = await RoundKit.OpenAsync(s.Township, s.Tree.Village1.Id);
        var sampler = await RoundKit.SamplerAsync(app, s.Tree.Township1.Id);
        var usedElsewhere = RoundKit.NewBarcode();
        await RoundKit.ScanAsync(sampler, other.Id, inside[0], usedElsewhere, 1);
        var tube = RoundKit.NewBarcode();
        var badChecksum = RegistryArrange.NewIdNumber()[..17] + "0";
        badChecksum = badChecksum == RegistryArrange.NewIdNumber() ? badChecksum[..17] + "1" : badChecksum;
        var stranger = RegistryArrange.NewIdNumber();

        var answer = await RoundKit.BatchAsync(sampler, round.Id, new object[]
        {
            RoundKit.ScanOf(inside[0], tube, 10),
            RoundKit.ScanOf(inside[1], "bad code!"),
            new { clientId = Guid.NewGuid(), tube, idNumber = "110101199003070000" },
            RoundKit.ScanOf(outside[0], tube),
            RoundKit.ScanOf(inside[1], usedElsewhere),
            new { clientId = Guid.NewGuid(), tube, idNumber = stranger, name = "未登记者" },
            RoundKit.ScanOf(inside[1], tube),
        });

        var r = answer.Results;
        Assert.Equal((3, 4), (answer.Accepted, answer.Refused));
        Assert.Equal(ScanStatus.Accepted, r[0].Status);
        Assert.Equal(("tube", ScanStatus.Refused), (r[1].Field, r[1].Status));
        Assert.Equal("idNumber", r[2].Field);
        Assert.Contains("不在本轮筛查范围内", r[3].Reason);
        Assert.Contains("已在其他轮次使用", r[4].Reason);
        Assert.True(r[5].Unregistered);
        Assert.Equal(3, r[6].TubeCount);
        var unregistered = await app.WithDbAsync(db => db.Samplings.SingleAsync(x => x.RoundId == round.Id && x.PersonId == null));
        Assert.Equal(stranger, unregistered.IdNumber);
    }

    [Fact]
    public async Task Sampling_OtherTownshipsSampler_NotFound()
    {
        var s = await RoundKit.SetupAsync(app);
        var people = await RoundKit.HouseholdAsync(s.Grid1, s.Tree.Grid1.Id, ("甲", []));
        var round = await RoundKit.OpenAsync(s.Township, s.Tree.Township1.Id);
        var stranger = await RoundKit.SamplerAsync(app, s.Tree.Township2.Id);

        var response = await stranger.PostAsJsonAsync($"/api/testing-rounds/{round.Id}/samplings", RoundKit.ScanOf(people[0], RoundKit.NewBarcode(), 1));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(0, await app.WithDbAsync(db => db.Samplings.CountAsync(x => x.RoundId == round.Id)));
    }

    [Fact]
    public async Task CloseTube_ByHand_NextScanRefused()
    {
        var s = await RoundKit.SetupAsync(app);
        var people = await RoundKit.HouseholdAsync(s.Grid1, s.Tree.Grid1.Id, People(2, "封"));
        var round = await RoundKit.OpenAsync(s.Township, s.Tree.Township1.Id);
        var sampler = await RoundKit.SamplerAsync(app, s.Tree.Township1.Id);
        var tube = RoundKit.NewBarcode();
        await RoundKit.ScanAsync(sampler, round.Id, people[0], tube, 5);

        var closed = await sampler.PostAsJsonAsync($"/api/testing-rounds/{round.Id}/tubes/{tube}/close", new { });
        var after = await sampler.PostAsJsonAsync($"/api/testing-rounds/{round.Id}/samplings", RoundKit.ScanOf(people[1], tube));
        var detail = await sampler.GetFromJsonAsync<GetTube.Detail>($"/api/testing-rounds/{round.Id}/tubes/{tube}", TestJson.Options);

        Assert.Equal(HttpStatusCode.OK, closed.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, after.StatusCode);
        Assert.Equal(nameof(TubeStatus.Closed), detail!.Status);
        Assert.Single(detail.Members);
        Assert.DoesNotContain(detail.Members[0].IdNumber, await app.WithDbAsync(db => db.Persons.Where(p => p.Id == people[0]).Select(p => p.IdNumber!).SingleAsync()));
    }
}
