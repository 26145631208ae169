namespace GridGuard.Features.Households.Import;

/// <summary>One data row with its cells arranged by <see cref="ImportColumn.Index"/> (missing columns are empty).</summary>
public sealed record ImportRecord(int Row, RawCell[] Cells, string? Problem)
{
    public RawCell this[ImportColumn column] => Cells[column.Index];
}

/// <summary>
/// One kind of upload file: its columns (a contract: keep stable, only append), the column whose header marks the
/// header row, what the header row should look like (for the refusal), the note above it and the template's sheet.
/// Shared by the household list (<see cref="ImportColumns.Sheet"/>) and the venue list.
/// </summary>
public sealed record ImportSheet(
    IReadOnlyList<ImportColumn> Columns, ImportColumn Anchor, string HeaderHint, string Note, string DataSheetName)
{
    /// <summary>Finds the column a header cell names, or null. Trailing "*" and spaces are ignored.</summary>
    public ImportColumn? Match(string? header)
    {
        var h = new string((header ?? "").Where(ch => !char.IsWhiteSpace(ch) && ch is not ('*' or '＊')).ToArray());
        return h.Length == 0 ? null : Columns.FirstOrDefault(c => c.Name == h || c.Aliases.Contains(h));
    }

    /// <summary>How the header is written in the template: required columns end with "*".</summary>
    public static string Header(ImportColumn c) => c.Required ? c.Name + "*" : c.Name;
}

/// <summary>
/// Finds the header row (the first of the first <see cref="HeaderSearchRows"/> rows naming the sheet's anchor column
/// (姓名 for the household list) and at least two other known columns; rows above it, such as the template's note,
/// are skipped) and maps the data rows below it onto the sheet's columns. Blank rows are skipped. Unknown columns
/// are ignored.
/// </summary>
public static class ImportTable
{
    public const int HeaderSearchRows = 10;

    /// <summary>The household list (<see cref="ImportColumns"/>).</summary>
    public static (IEnumerable<ImportRecord>? Records, FileRefusal? Refusal) Open(IEnumerable<RawRow> rows) =>
        Open(rows, ImportColumns.Sheet);

    /// <summary>Reads up to the header; returns the data rows still to be streamed, or why the file is refused.</summary>
    public static (IEnumerable<ImportRecord>? Records, FileRefusal? Refusal) Open(IEnumerable<RawRow> rows, ImportSheet sheet)
    {
        var enumerator = rows.GetEnumerator();
        var consumed = 0;
        while (consumed < HeaderSearchRows && enumerator.MoveNext())
        {
            consumed++;
            var row = enumerator.Current;
            var matched = row.Cells.Select(c => sheet.Match(c.Text)).ToList();
            if (!matched.Contains(sheet.Anchor) || matched.Count(m => m is not null) < Math.Min(3, sheet.Columns.Count))
            {
                continue;
            }

            var map = new int[row.Cells.Count];
            Array.Fill(map, -1);
            var seen = new HashSet<ImportColumn>();
            for (var i = 0; i < matched.Count; i++)
            {
                if (matched[i] is not { } column)
                {
                    continue;
                }

                if (!seen.Add(column))
                {
                    enumerator.Dispose();
                    return (null, FileRefusal.Unreadable($"表头：第 {row.Number} 行中“{column.Name}”列出现了两次"));
                }

                map[i] = column.Index;
            }

            var missing = sheet.Columns.Where(c => c.Required && !seen.Contains(c)).Select(c => $"“{c.Name}”").ToList();
            if (missing.Count > 0)
            {
                enumerator.Dispose();
                return (null, FileRefusal.Unreadable($"表头：缺少必需的列 {string.Join("、", missing)}，请使用下载的模板"));
            }

            return (Records(enumerator, map, sheet.Columns.Count), null);
        }

        enumerator.Dispose();
        return (null, FileRefusal.Unreadable(
            $"表头：前 {HeaderSearchRows} 行中没有找到列名行（{sheet.HeaderHint}），请使用下载的模板"));
    }

    private static IEnumerable<ImportRecord> Records(IEnumerator<RawRow> enumerator, int[] map, int width)
    {
        using (enumerator)
        {
            while (enumerator.MoveNext())
            {
                var row = enumerator.Current;
                if (row.IsBlank)
                {
                    continue;
                }

                var cells = new RawCell[width];
                var any = false;
                for (var i = 0; i < row.Cells.Count && i < map.Length; i++)
                {
                    if (map[i] >= 0)
                    {
                        cells[map[i]] = row.Cells[i];
                        any |= !row.Cells[i].IsBlank;
                    }
                }

                if (any || row.Problem is not null)
                {
                    yield return new ImportRecord(row.Number, cells, row.Problem);
                }
            }
        }
    }
}
