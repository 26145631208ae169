namespace GridGuard.Features.Households.Import;

/// <summary>
/// The cell rule every list upload shares: a cell is never evaluated. Formula cells and text that a spreadsheet would
/// run as a formula (starting with = + - @) are refused with a Chinese reason naming the column.
/// </summary>
public static class ImportCells
{
    /// <summary>
    /// The cell's trimmed text, or null when it is empty or refused; <paramref name="error"/> says why it was refused
    /// (a formula, a leading = + - @, too long, or empty while <paramref name="required"/>).
    /// </summary>
    public static string? Text(RawCell cell, ImportColumn column, int maxLength, bool required, out string? error)
    {
        error = null;
        if (cell.IsFormula)
        {
            error = $"{column.Name}：单元格含公式，系统不计算公式，请改为直接填写内容";
            return null;
        }

        var text = cell.Text?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            if (required)
            {
                error = $"{column.Name}：不能为空";
            }

            return null;
        }

        if (text[0] is '=' or '+' or '-' or '@')
        {
            error = $"{column.Name}：不能以 = + - @ 开头（可能是公式），请删除开头的符号";
            return null;
        }

        if (text.Length > maxLength)
        {
            error = $"{column.Name}：不能超过 {maxLength} 个字符（现有 {text.Length} 个）";
            return null;
        }

        return text;
    }
}
