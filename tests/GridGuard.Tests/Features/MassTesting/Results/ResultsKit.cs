using System.Net;
using System.Net.Http.Json;
using GridGuard.Features.MassTesting;
using GridGuard.Features.MassTesting.Results;
using GridGuard.Platform.Auth;
using GridGuard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Tests.Features.MassTesting.Results;

/// <summary>
/// Arranges lab results of one test: a round over township 1 (<see cref="RoundKit"/>) with persons in grid 1, a lab user
/// (medical staff over township 1) and tubes with their samplings written straight into the database (collection is
/// built elsewhere), keeping the round members and tallies as a scan would.
/// </summary>
public static class ResultsKit
{
    public sealed record Setup(RoundKit.Setup Round, Guid RoundId, IReadOnlyList<Guid> People, TestUser Lab, HttpClient LabClient);

    public static async Task<Setup> SetupAsync(AppFactory app, int people)
    {
        var s = await RoundKit.SetupAsync(app);
        var ids = new List<Guid>();
        for (var left = people; left > 0; left -= 5)
        {
            var members = Enumerable.Range(0, Math.Min(5, left)).Select(i => ($"居民{ids.Count + i + 1}", Array.Empty<string>())).ToArray();
            ids.AddRange(await RoundKit.HouseholdAsync(s.Grid1, s.Tree.Grid1.Id, members));
        }

        var opened = await RoundKit.OpenAsync(s.Township, s.Tree.Township1.Id);
        var lab = await TestUsers.CreateAsync(app, (Role.MedicalStaff, s.Tree.Township1.Id));
        return new Setup(s, opened.Id, ids, lab, await app.ApiClientAsync(lab));
    }

    public static string NewBarcode() => "T" + Guid.NewGuid().ToString("N")[..15].ToUpperInvariant();

    /// <summary>A closed tube of <paramref name="poolSize"/> at village 1 holding <paramref name="persons"/>, sampled at <paramref name="sampledAt"/>.</summary>
    public static async Task<(string Barcode, Guid TubeId, List<Guid> Samplings)> TubeAsync(AppFactory app, Setup s, int poolSize,
        IReadOnlyList<Guid> persons, DateTime? sampledAt = null)
    {
        var at = sampledAt ?? app.Clock.GetUtcNow().UtcDateTime;
        var barcode = NewBarcode();
        return await app.WithDbAsync(async db =>
        {
            var tube = new Tube
            {
                Barcode = barcode,
                RoundId = s.RoundId,
                JurisdictionId = s.Round.Tree.Village1.Id,
                PoolSize = poolSize,
                Count = persons.Count,
                Status = TubeStatus.Closed,
                OpenedById = s.Round.Organiser.Id,
                OpenedAt = at,
                ClosedAt = at,
            };
            db.Tubes.Add(tube);
            var samplings = new List<Guid>();
            foreach (var person in persons)
            {
                // Untracked: the audit interceptor's EntityId (64) is shorter than a round member's composite key on PostgreSQL.
                var member = await db.RoundMembers.AsNoTracking().SingleAsync(m => m.RoundId == s.RoundId && m.PersonId == person);
                var sampling = new Sampling
                {
                    ClientId = Guid.NewGuid(),
                    RoundId = s.RoundId,
                    TubeId = tube.Id,
                    PersonId = person,
                    JurisdictionId = member.JurisdictionId,
                    SampledAt = at,
                    ReceivedAt = at,
                    SamplerId = s.Round.Organiser.Id,
                    Repeat = member.Samplings > 0,
                };
                db.Samplings.Add(sampling);
                samplings.Add(sampling.Id);
                await db.RoundMembers.Where(m => m.RoundId == s.RoundId && m.PersonId == person)
                    .ExecuteUpdateAsync(u => u
                        .SetProperty(m => m.FirstSampledAt, m => m.FirstSampledAt ?? at)
                        .SetProperty(m => m.Samplings, m => m.Samplings + 1));
                if (member.FirstSampledAt is null)
                {
                    await Tallies.ApplyAsync(db, s.RoundId, member.JurisdictionId, Tallies.FirstSampling(member.Exemption is not null), default);
                }
            }

            await db.SaveChangesAsync();
            return (barcode, tube.Id, samplings);
        });
    }

    public static Task<HttpResponseMessage> PostAsync(HttpClient client, string barcode, string result) =>
        client.PostAsJsonAsync("/api/lab-results", new { barcode, result });

    public static async Task<RecordResult.Recorded> RecordAsync(HttpClient client, string barcode, string result)
    {
        var response = await PostAsync(client, barcode, result);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<RecordResult.Recorded>(TestJson.Options))!;
    }
}
