using GridGuard.Features.Jurisdictions;

namespace GridGuard.Features.Households.Import;

/// <summary>A grid code as the tree knows it (null in <see cref="ImportFileState.Grids"/> when it does not exist).</summary>
public sealed record GridInfo(Guid Id, string Path, JurisdictionLevel Level, bool IsActive);

/// <summary>
/// What an import remembers of the chunks already written, so that the rules spanning the whole file still hold,
/// in compact form instead of the rows: the first row of each identity number (a resident ID card number packed into a
/// long), the first row of each 户编号, each (grid, address) claimed by a 户编号 (the address as a 64-bit hash), and
/// the grid codes looked up so far. About 50–80 bytes per row of the file.
/// </summary>
public sealed class ImportFileState
{
    private readonly Dictionary<long, int> residentIds = [];
    private readonly Dictionary<(IdType, string), int> otherIds = [];
    private readonly Dictionary<string, int> keys = new(StringComparer.Ordinal);
    private readonly Dictionary<(Guid Grid, ulong Address), (string Key, int Row)> addresses = [];

    /// <summary>Grid codes looked up so far; null for a code the tree does not have.</summary>
    public Dictionary<string, GridInfo?> Grids { get; } = new(StringComparer.Ordinal);

    /// <summary>The paths of the grids that households of the file were placed in.</summary>
    public HashSet<string> GridPaths { get; } = new(StringComparer.Ordinal);

    /// <summary>The row where this identity number first appeared in the file; null the first time (then it is remembered).</summary>
    public int? SeenId(IdType type, string number, int row)
    {
        if (type == IdType.ResidentIdCard && Pack(number) is { } packed)
        {
            return residentIds.TryAdd(packed, row) ? null : residentIds[packed];
        }

        return otherIds.TryAdd((type, number), row) ? null : otherIds[(type, number)];
    }

    /// <summary>The first row of a 户编号 whose household was planned in an earlier chunk, or null.</summary>
    public int? EarlierKey(string key) => keys.TryGetValue(key, out var row) ? row : null;

    /// <summary>Remembers the 户编号 of a chunk's households once the chunk is done.</summary>
    public void RememberKeys(IEnumerable<PlannedHousehold> households)
    {
        foreach (var h in households)
        {
            keys.TryAdd(h.Key, h.FirstRow);
        }
    }

    /// <summary>The 户编号 (and its first row) that claimed this address in this grid before, or null: then this one claims it.</summary>
    public (string Key, int Row)? ClaimAddress(Guid grid, string addressKey, string key, int row)
    {
        var slot = (grid, Hash(addressKey));
        return addresses.TryAdd(slot, (key, row)) ? null : addresses[slot];
    }

    /// <summary>17 digits and a check character (0–9 or X) as one number; null for anything else.</summary>
    private static long? Pack(string number)
    {
        if (number.Length != 18)
        {
            return null;
        }

        long value = 0;
        for (var i = 0; i < 17; i++)
        {
            var d = number[i] - '0';
            if (d is < 0 or > 9)
            {
                return null;
            }

            value = (value * 10) + d;
        }

        var check = number[17] switch
        {
            'X' => 10,
            >= '0' and <= '9' => number[17] - '0',
            _ => -1,
        };
        return check < 0 ? null : (value * 11) + check;
    }

    /// <summary>FNV-1a, 64 bits: two different addresses of one grid collide with odds of about 1 in 10^17.</summary>
    private static ulong Hash(string s)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in s)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return hash;
    }
}
