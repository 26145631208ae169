using System.Text;

namespace GridGuard.Features.Households.Import;

/// <summary>One merged range of a sheet, 1-based rows and 0-based columns, both ends included.</summary>
internal sealed record MergedRange(int Top, int Left, int Bottom, int Right)
{
    /// <summary>Reads <c>mergeCell ref="B2:C4"</c> (either quote); null for anything else (such as <c>mergeCells count=…</c>).</summary>
    public static MergedRange? Parse(ReadOnlySpan<byte> tag)
    {
        const int name = 9; // "mergeCell"
        if (tag.Length <= name || tag[name] is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
        {
            return null;
        }

        var at = tag.IndexOf("ref="u8);
        if (at < 0 || at + 5 >= tag.Length)
        {
            return null;
        }

        var quote = tag[at + 4];
        var value = tag[(at + 5)..];
        var end = value.IndexOf(quote);
        if (end < 0)
        {
            return null;
        }

        var text = Encoding.ASCII.GetString(value[..end]);
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0 || Cell(text[..colon]) is not { } from || Cell(text[(colon + 1)..]) is not { } to)
        {
            return null;
        }

        var ((top, left), (bottom, right)) = (from, to);

        return top <= bottom && left <= right ? new MergedRange(top, left, bottom, Math.Min(right, XlsxRows.MaxColumns - 1)) : null;
    }

    /// <summary>"B12" → (12, 1).</summary>
    private static (int Row, int Column)? Cell(string reference)
    {
        var digits = reference.AsSpan().IndexOfAnyInRange('0', '9');
        return digits > 0 && int.TryParse(reference.AsSpan(digits), out var row) && row > 0
            ? (row, XlsxRows.ColumnIndex(reference[..digits]))
            : null;
    }
}

/// <summary>
/// Fills merged ranges as rows stream past in order: the top-left cell's value (and formula mark) is copied into
/// every other cell of its range, as the sheet shows it.
/// </summary>
internal sealed class MergedCells(List<MergedRange> ranges)
{
    private readonly Queue<MergedRange> waiting = new(ranges.OrderBy(r => r.Top));
    private readonly List<(MergedRange Range, RawCell Value)> open = [];

    /// <summary>The cells of row <paramref name="number"/> with the merged ranges over it filled in.</summary>
    public IReadOnlyList<RawCell> Fill(int number, List<RawCell> cells)
    {
        open.RemoveAll(o => o.Range.Bottom < number);
        while (waiting.TryPeek(out var next) && next.Top <= number)
        {
            waiting.Dequeue();
            if (next.Top == number)
            {
                open.Add((next, next.Left < cells.Count ? cells[next.Left] : RawCell.Empty));
            }
        }

        foreach (var (range, value) in open)
        {
            if (value.IsBlank)
            {
                continue;
            }

            while (cells.Count <= range.Right)
            {
                cells.Add(RawCell.Empty);
            }

            for (var column = range.Left; column <= range.Right; column++)
            {
                cells[column] = value;
            }
        }

        return cells;
    }
}
