using GridGuard.Features.Canvassing;
using GridGuard.Features.Households;
using GridGuard.Platform.Auth;
using GridGuard.Platform.Data;

namespace GridGuard.Features.Demo;

/// <summary>Rows of the demo population waiting to be written, flushed in foreign-key order.</summary>
internal sealed class DemoBatch
{
    private readonly List<AppUser> users = [];
    private readonly List<RoleAssignment> roles = [];
    private readonly List<Household> households = [];
    private readonly List<HouseholdMembership> stays = [];
    private readonly List<PersonVulnerableGroup> groups = [];
    private readonly List<HouseholdVisit> visits = [];
    private readonly List<VisitMember> visitMembers = [];
    private readonly List<KeyPersonFlag> flags = [];

    public List<Person> Persons { get; } = [];

    public int PersonCount { get; private set; }

    public int HouseholdCount { get; private set; }

    public int StewardCount { get; private set; }

    public int VisitCount { get; private set; }

    public void Steward(AppUser user, RoleAssignment role)
    {
        users.Add(user);
        roles.Add(role);
    }

    public void Add(SyntheticHousehold h)
    {
        households.Add(h.Household);
        Persons.AddRange(h.Members);
        stays.AddRange(h.Stays);
        groups.AddRange(h.Groups);
    }

    /// <summary>A visit by the household's steward in the running canvass: most present at 36.0–37.2 °C, a few fevers.</summary>
    public void Visit(Random random, Canvass canvass, SyntheticHousehold h, Guid visitorId, DateOnly today, DateTime now)
    {
        var visitedAt = now.AddDays(-random.Next(0, 10)).AddHours(-random.Next(0, 8));
        var visit = new HouseholdVisit
        {
            CanvassId = canvass.Id,
            HouseholdId = h.Household.Id,
            JurisdictionId = h.Household.JurisdictionId,
            VisitorId = visitorId,
            VisitedAt = visitedAt,
        };
        visits.Add(visit);
        foreach (var p in h.Members)
        {
            var away = random.Next(100) < 8;
            var fever = !away && random.Next(1000) < 3;
            visitMembers.Add(new VisitMember
            {
                VisitId = visit.Id,
                PersonId = p.Id,
                Presence = away ? MemberPresence.Away : MemberPresence.Present,
                AwayPlace = away ? (random.Next(2) == 0 ? "昆明市务工" : "玉溪市红塔区上学") : null,
                Temperature = away ? null : fever ? 37.5 + random.Next(0, 11) / 10.0 : 36.0 + random.Next(0, 13) / 10.0,
                Symptoms = fever ? nameof(Symptom.Fever) : "",
            });
            if (fever)
            {
                flags.Add(new KeyPersonFlag
                {
                    PersonId = p.Id,
                    Category = KeyPersonCategory.Fever,
                    JurisdictionId = p.JurisdictionId,
                    Source = FlagSource.Visit,
                    SourceId = visit.Id,
                    Status = FlagStatus.Open,
                    FlaggedById = visitorId,
                    FlaggedAt = visitedAt,
                });
            }
        }
    }

    public async Task FlushAsync(AppDbContext db, CancellationToken ct)
    {
        StewardCount += await BulkCopy.InsertAsync(db, users, ct);
        await BulkCopy.InsertAsync(db, roles, ct);
        HouseholdCount += await BulkCopy.InsertAsync(db, households, ct);
        PersonCount += await BulkCopy.InsertAsync(db, Persons, ct);
        await BulkCopy.InsertAsync(db, stays, ct);
        await BulkCopy.InsertAsync(db, groups, ct);
        VisitCount += await BulkCopy.InsertAsync(db, visits, ct);
        await BulkCopy.InsertAsync(db, visitMembers, ct);
        await BulkCopy.InsertAsync(db, flags, ct);
        foreach (var list in new System.Collections.IList[] { users, roles, households, Persons, stays, groups, visits, visitMembers, flags })
        {
            list.Clear();
        }
    }
}
