using GridGuard.Features.Canvassing;
using GridGuard.Features.Households;
using GridGuard.Features.Policies;

namespace GridGuard.Bench;

/// <summary>One synthetic arrival report: what the plan calculator needs.</summary>
public sealed record ArrivalSample(KeyPersonCategory Category, DateOnly Arrival, DateOnly RegisteredOn,
    IReadOnlyList<Stay> Stays, VulnerableGroup[] Groups, TestProof? Proof);

/// <summary>
/// Deterministic data for plan-compute: a risk-area list over ~3,000 synthetic counties (county, township and
/// compound-level areas with overlapping periods, some open-ended) and arrival reports with 1–4 stays each, most of
/// them in the 2021 Spring-Festival weeks (2021-01 春节 in force), a tenth in December 2022 (2022-11 新平).
/// </summary>
public static class PlanComputeData
{
    private static readonly DateOnly ListStart = new(2020, 12, 15);

    public static (List<ListedArea> Areas, List<ArrivalSample> Reports) Generate(int reports, int areas)
    {
        var random = new Random(530427);
        var counties = Counties(random, 3_000);
        var list = new List<ListedArea>(areas);
        for (var i = 0; i < areas; i++)
        {
            var county = counties[random.Next(counties.Length)];
            var shape = random.Next(10);
            var place = shape switch
            {
                < 3 => Place.Of(county),
                < 8 => Place.Of(Township(random, county)),
                _ => Place.Of(Township(random, county), $"{random.Next(1, 40)}号小区"),
            };
            var level = random.Next(20) switch { < 5 => RiskLevel.High, < 14 => RiskLevel.Medium, _ => RiskLevel.Low };
            var from = ListStart.AddDays(random.Next(90));
            list.Add(new ListedArea(place, level, from, random.Next(10) == 0 ? null : from.AddDays(random.Next(7, 40))));
        }

        var samples = new List<ArrivalSample>(reports);
        for (var i = 0; i < reports; i++)
        {
            var arrival = random.Next(10) == 0
                ? new DateOnly(2022, 11, 25).AddDays(random.Next(30))
                : new DateOnly(2021, 1, 20).AddDays(random.Next(60));
            var stays = new Stay[random.Next(1, 5)];
            for (var s = 0; s < stays.Length; s++)
            {
                var to = arrival.AddDays(-random.Next(0, 10));
                var place = random.Next(10) switch
                {
                    < 4 => list[random.Next(list.Count)].Place,                          // a listed place
                    < 7 => Place.Of(counties[random.Next(counties.Length)]),             // only the county known
                    < 9 => Place.Of(Township(random, counties[random.Next(counties.Length)])),
                    _ => Place.Of($"99{random.Next(10_000):D4}"),                        // nowhere listed
                };
                stays[s] = new Stay(place, to.AddDays(-random.Next(0, 5)), to);
            }

            var category = random.Next(20) switch
            {
                < 14 => KeyPersonCategory.Returnee,
                < 16 => KeyPersonCategory.CloseContact,
                < 18 => KeyPersonCategory.InboundTraveler,
                < 19 => KeyPersonCategory.Spillover,
                _ => KeyPersonCategory.Fever,
            };
            VulnerableGroup[] groups = random.Next(30) == 0 ? [VulnerableGroup.Pregnant] : [];
            var proof = random.Next(2) == 0 ? new TestProof(arrival.AddDays(-random.Next(0, 10)), random.Next(100) > 0) : null;
            samples.Add(new ArrivalSample(category, arrival, arrival.AddDays(random.Next(0, 4)), stays, groups, proof));
        }

        return (list, samples);
    }

    private static string[] Counties(Random random, int count)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        while (set.Count < count)
        {
            set.Add($"{random.Next(11, 66):D2}{random.Next(1, 21):D2}{random.Next(1, 31):D2}");
        }

        return [.. set.Order(StringComparer.Ordinal)];
    }

    private static string Township(Random random, string county) => $"{county}{random.Next(1, 21):D3}";
}
