using System.Runtime.CompilerServices;
using GridGuard.Features.Canvassing;
using GridGuard.Features.Households.Stewardship;
using GridGuard.Features.Jurisdictions;
using GridGuard.Platform.Auth;
using GridGuard.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Features.Households.Export;

/// <summary>
/// Streams the rows of the 网格联户包保清单 under one node, in tree order (grid by grid, by path) and address order
/// within a grid. One grouped count gives the households per grid; the loop then walks the grids in path order
/// (the keyset) and reads about <see cref="BatchSize"/> households at a time, each batch with its members, their
/// recorded groups and open key-person flags in three more queries. Nothing is tracked and nothing is kept between
/// batches, so memory stays flat for a whole county.
/// </summary>
public sealed class RosterRows(AppDbContext db, CurrentUser me, Jurisdiction node, DateOnly today, bool fullIdNumbers)
{
    public const int BatchSize = 1000;

    public int Households { get; private set; }

    /// <summary>How many identity numbers were written whole (for the audit line of a full export).</summary>
    public int FullIdNumbers { get; private set; }

    public async IAsyncEnumerable<RosterRow> ReadAsync([EnumeratorCancellation] CancellationToken ct = default)
    {
        var addresses = await HouseholdAddress.LoadAsync(db, node.Path, ct);
        var inSubtree = db.Households.AsNoTracking().InScopeOf(me).Where(h => h.Jurisdiction!.Path.StartsWith(node.Path));
        var perNode = await inSubtree
            .GroupBy(h => h.JurisdictionId)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToListAsync(ct);
        var ordered = perNode.OrderBy(n => addresses.NodePath(n.Key), StringComparer.Ordinal).ToList();
        var chunk = new List<Guid>();
        var size = 0;
        for (var i = 0; i < ordered.Count; i++)
        {
            chunk.Add(ordered[i].Key);
            size += ordered[i].Count;
            if (i + 1 < ordered.Count && size + ordered[i + 1].Count <= BatchSize)
            {
                continue;
            }

            await foreach (var row in ChunkAsync(inSubtree, chunk, addresses, ct))
            {
                yield return row;
            }

            chunk = [];
            size = 0;
        }
    }

    /// <summary>The households of a few grids (about <see cref="BatchSize"/>), in tree and then address order.</summary>
    private async IAsyncEnumerable<RosterRow> ChunkAsync(
        IQueryable<Household> inSubtree, List<Guid> nodeIds, HouseholdAddress addresses,
        [EnumeratorCancellation] CancellationToken ct)
    {
        var batch = await inSubtree
            .Where(h => nodeIds.Contains(h.JurisdictionId))
            .Select(h => new Batch(h.Id, h.JurisdictionId, h.Unit, h.Room, h.Address, h.HeadId,
                h.Steward == null ? null : h.Steward.DisplayName,
                h.Steward == null ? null : h.Steward.PhoneNumber,
                h.Head == null ? null : h.Head.Name,
                h.Head == null ? null : h.Head.Phone,
                h.Head == null ? null : h.Head.IdNumber))
            .ToListAsync(ct);
        var details = await DetailsAsync(nodeIds, ct);
        foreach (var h in batch
            .OrderBy(b => addresses.NodePath(b.GridId), StringComparer.Ordinal)
            .ThenBy(b => b.Unit?.Length ?? 0).ThenBy(b => b.Unit, StringComparer.Ordinal)
            .ThenBy(b => b.Room?.Length ?? 0).ThenBy(b => b.Room, StringComparer.Ordinal)
            .ThenBy(b => b.Id))
        {
            yield return ToRow(h, details, addresses);
        }
    }

    private sealed record Batch(Guid Id, Guid GridId, string? Unit, string? Room, string? Address, Guid? HeadId,
        string? StewardName, string? StewardPhone, string? HeadName, string? HeadPhone, string? HeadIdNumber);

    private sealed record Member(Guid Id, Guid HouseholdId, string Name, DateOnly? BirthDate);

    private sealed record Details(
        ILookup<Guid, Member> Members, ILookup<Guid, VulnerableGroup> Groups, ILookup<Guid, (KeyPersonCategory, FlagStatus)> Flags);

    /// <summary>
    /// Members, groups and open flags of the households on <paramref name="nodeIds"/>. The filter names the few grids of
    /// the chunk rather than thousands of person ids: long IN lists are slow to bind.
    /// </summary>
    private async Task<Details> DetailsAsync(List<Guid> nodeIds, CancellationToken ct)
    {
        var persons = db.Persons.AsNoTracking().InScopeOf(me)
            .Where(p => p.HouseholdId != null && p.Status == PersonStatus.Active)
            .Where(p => nodeIds.Contains(p.Household!.JurisdictionId));
        var members = await persons
            .OrderBy(p => p.HouseholdId).ThenBy(p => p.BirthDate).ThenBy(p => p.Id)
            .Select(p => new Member(p.Id, p.HouseholdId!.Value, p.Name, p.BirthDate))
            .ToListAsync(ct);
        var groups = await persons
            .SelectMany(p => p.VulnerableGroups.Select(g => new { g.PersonId, g.Group }))
            .ToListAsync(ct);
        var flags = await db.KeyPersonFlags.AsNoTracking().InScopeOf(me)
            .Where(f => f.Status != FlagStatus.Cleared && f.Person!.HouseholdId != null && f.Person.Status == PersonStatus.Active)
            .Where(f => nodeIds.Contains(f.Person!.Household!.JurisdictionId))
            .OrderBy(f => f.FlaggedAt)
            .Select(f => new { f.PersonId, f.Category, f.Status })
            .ToListAsync(ct);
        return new Details(
            members.ToLookup(m => m.HouseholdId),
            groups.ToLookup(g => g.PersonId, g => g.Group),
            flags.ToLookup(f => f.PersonId, f => (f.Category, f.Status)));
    }

    private RosterRow ToRow(Batch h, Details details, HouseholdAddress addresses)
    {
        Households++;
        var members = details.Members[h.Id].OrderBy(m => m.Id == h.HeadId ? 0 : 1).ToList();
        var idNumber = h.HeadIdNumber;
        if (!fullIdNumbers || string.IsNullOrEmpty(idNumber))
        {
            idNumber = IdNumbers.Mask(idNumber);
        }
        else
        {
            FullIdNumbers++;
        }

        return new RosterRow
        {
            Grid = SafeCell.Text(addresses.NodeName(h.GridId)),
            Steward = SafeCell.Text(h.StewardName ?? "未分配"),
            StewardPhone = SafeCell.Text(h.StewardPhone),
            Address = SafeCell.Text(addresses.Of(h.GridId, h.Unit, h.Room, h.Address)),
            Head = SafeCell.Text(h.HeadName),
            HeadIdNumber = SafeCell.Text(idNumber),
            HeadPhone = SafeCell.Text(h.HeadPhone),
            MemberCount = members.Count,
            Members = SafeCell.Text(string.Join("；", members.Select(m => MemberText(m, details)))),
            KeyPersons = SafeCell.Text(string.Join("；", members
                .Where(m => details.Flags[m.Id].Any())
                .Select(m => m.Name + "：" + string.Join("、", details.Flags[m.Id].Distinct().Select(FlagText))))),
        };
    }

    private string MemberText(Member m, Details details)
    {
        var groups = details.Groups[m.Id]
            .Concat(VulnerableGroups.DerivedFrom(m.BirthDate, today))
            .Distinct()
            .Order()
            .Select(g => g.Label())
            .ToList();
        return groups.Count == 0 ? m.Name : m.Name + "：" + string.Join("、", groups);
    }

    private static string FlagText((KeyPersonCategory Category, FlagStatus Status) flag) =>
        CategoryLabel(flag.Category) + (flag.Status == FlagStatus.Open ? "（待核实）" : "");

    /// <summary>重点人员类别 in Chinese (DOMAIN.md §4; GLOSSARY.md).</summary>
    internal static string CategoryLabel(KeyPersonCategory category) => category switch
    {
        KeyPersonCategory.FromEpidemicArea => "来自疫情地区人员",
        KeyPersonCategory.Suspected => "疑似病例",
        KeyPersonCategory.Fever => "发热人员",
        KeyPersonCategory.CloseContact => "密切接触者",
        KeyPersonCategory.SecondaryContact => "次密接",
        KeyPersonCategory.Spillover => "高风险区外溢人员",
        KeyPersonCategory.Returnee => "返乡人员",
        KeyPersonCategory.InboundTraveler => "入境人员",
        KeyPersonCategory.ColdChainWorker => "冷链从业人员",
        KeyPersonCategory.WorkStudyReturnee => "“三返”人员",
        KeyPersonCategory.Outbound => "“四外”人员",
        _ => category.ToString(),
    };
}
