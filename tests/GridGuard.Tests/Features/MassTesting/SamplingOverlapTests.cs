using GridGuard.Features.MassTesting;
using GridGuard.Features.MassTesting.Collection;
using GridGuard.Platform;
using GridGuard.Platform.Auth;
using GridGuard.Platform.Data;
using GridGuard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GridGuard.Tests.Features.MassTesting;

/// <summary>
/// The writer reads batch B while batch A is still being written, then reads again what A touched (ADR 10, "Update
/// (session 10)"). Under real load that overlap happens by timing; these tests make it happen every time: B is read
/// before A is written, A commits, B is refreshed with A's touched keys, applied and written.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class SamplingOverlapTests(AppFactory app)
{
    private sealed record Arranged(RoundKit.Setup Setup, Guid RoundId, TestUser Sampler, List<Guid> People);

    private async Task<Arranged> ArrangeAsync(int persons)
    {
        var s = await RoundKit.SetupAsync(app);
        var people = await RoundKit.HouseholdAsync(s.Grid1, s.Tree.Grid1.Id,
            Enumerable.Range(1, persons).Select(i => ($"重叠{i}", Array.Empty<string>())).ToArray());
        var round = await RoundKit.OpenAsync(s.Township, s.Tree.Township1.Id);
        var sampler = await TestUsers.CreateAsync(app, (Role.MedicalStaff, s.Tree.Township1.Id));
        return new Arranged(s, round.Id, sampler, people);
    }

    private static SamplingIngest.Job Job(Arranged a, params Scan[] scans) =>
        new(a.RoundId, a.Sampler.Id, a.Sampler.UserName, [a.Setup.Tree.Township1.Path], scans);

    private static Scan ScanOf(Guid person, string tube, int? poolSize = null, Guid? clientId = null) =>
        new(clientId ?? Guid.NewGuid(), tube, poolSize, PersonCode.Of(person), null, null, null, null, null);

    /// <summary>B read first; A read, applied and written; then B refreshed with A's keys, applied and written.</summary>
    private async Task<List<ScanResult>> OverlapAsync(SamplingIngest.Job a, SamplingIngest.Job b)
    {
        await using var scopeB = app.Services.CreateAsyncScope();
        var dbB = scopeB.ServiceProvider.GetRequiredService<AppDbContext>();
        var clock = scopeB.ServiceProvider.GetRequiredService<CountyClock>();
        var lookupsB = await SamplingLookups.ReadAsync(dbB, clock.Today, [b], CancellationToken.None);

        SamplingBatch.Touch touched;
        await using (var scopeA = app.Services.CreateAsyncScope())
        {
            var dbA = scopeA.ServiceProvider.GetRequiredService<AppDbContext>();
            var lookupsA = await SamplingLookups.ReadAsync(dbA, clock.Today, [a], CancellationToken.None);
            var (stateA, _) = SamplingIngest.Apply(lookupsA, [a], clock);
            touched = stateA.Touched();
            await SamplingIngest.WriteAsync(dbA, stateA, CancellationToken.None);
        }

        await lookupsB.RefreshAsync(dbB, touched, clock.Today, CancellationToken.None);
        var (stateB, answersB) = SamplingIngest.Apply(lookupsB, [b], clock);
        await SamplingIngest.WriteAsync(dbB, stateB, CancellationToken.None);
        return [.. answersB[0].Results];
    }

    [Fact]
    public async Task Overlap_TubeFilledByTheBatchBefore_NextBatchCountsOnAndClosesItAtCapacity()
    {
        var a = await ArrangeAsync(11);
        var tube = RoundKit.NewBarcode();

        var b = await OverlapAsync(
            Job(a, [.. a.People.Take(6).Select(p => ScanOf(p, tube, 10))]),
            Job(a, [.. a.People.Skip(6).Select(p => ScanOf(p, tube))]));

        Assert.Equal([7, 8, 9, 10], b.Take(4).Select(r => r.TubeCount!.Value));
        Assert.True(b[3].TubeClosed);
        Assert.Equal(ScanStatus.Refused, b[4].Status);
        Assert.Contains("已封管", b[4].Reason);
        var stored = await app.WithDbAsync(db => db.Tubes.Where(t => t.Barcode == tube).Select(t => new { t.Count, t.Status }).SingleAsync());
        Assert.Equal(10, stored.Count);
        Assert.Equal(TubeStatus.Closed, stored.Status);
        Assert.Equal(10, await app.WithDbAsync(db => db.Samplings.CountAsync(x => x.RoundId == a.RoundId)));
    }

    [Fact]
    public async Task Overlap_PersonSampledByTheBatchBefore_NextBatchWarnsTheRepeatAndTheTallyCountsThePersonOnce()
    {
        var a = await ArrangeAsync(1);
        var person = a.People[0];

        var b = await OverlapAsync(
            Job(a, ScanOf(person, RoundKit.NewBarcode(), 1)),
            Job(a, ScanOf(person, RoundKit.NewBarcode(), 1)));

        Assert.Equal(ScanStatus.Accepted, b[0].Status);
        Assert.Contains("本轮已采样 1 次", b[0].Warning);
        var member = await app.WithDbAsync(db => db.RoundMembers.SingleAsync(m => m.RoundId == a.RoundId && m.PersonId == person));
        Assert.Equal(2, member.Samplings);
        var tally = await app.WithDbAsync(db => db.RoundTallies.SingleAsync(t => t.RoundId == a.RoundId && t.JurisdictionId == a.Setup.Tree.Grid1.Id));
        Assert.Equal(1, tally.Sampled);
    }

    [Fact]
    public async Task Overlap_ScanResentWhileTheFirstSendWasBeingWritten_AnsweredDuplicateAndStoredOnce()
    {
        var a = await ArrangeAsync(1);
        var scan = ScanOf(a.People[0], RoundKit.NewBarcode(), 1);

        var b = await OverlapAsync(Job(a, scan), Job(a, scan));

        Assert.Equal(ScanStatus.Duplicate, b[0].Status);
        Assert.Equal(1, await app.WithDbAsync(db => db.Samplings.CountAsync(x => x.ClientId == scan.ClientId)));
    }

    [Fact]
    public async Task Overlap_PooledTubeOpenedByTheBatchBefore_NextBatchRefusesThePersonUnderPlanInIt()
    {
        var a = await ArrangeAsync(2);
        await RoundKit.PlanAsync(app, a.People[1], a.Setup.Tree.Grid1.Id);
        var tube = RoundKit.NewBarcode();

        // B's scan names no pool size: only A's opening makes the tube pooled, so B learns it in the refresh.
        var b = await OverlapAsync(Job(a, ScanOf(a.People[0], tube, 5)), Job(a, ScanOf(a.People[1], tube)));

        Assert.Equal(ScanStatus.Refused, b[0].Status);
        Assert.Contains("必须单人单管", b[0].Reason);
        Assert.Equal(1, await app.WithDbAsync(db => db.Tubes.Where(t => t.Barcode == tube).Select(t => t.Count).SingleAsync()));
    }
}
