namespace GridGuard.Features.Households.Export;

/// <summary>
/// Neutralises formula injection (CSV/formula injection) in exported text: a cell whose text begins with
/// = + - @ or a tab or carriage return would be read as a formula by a spreadsheet, so it gets a leading '.
/// Every text cell of every export goes through <see cref="Text"/>.
/// </summary>
public static class SafeCell
{
    private static readonly char[] Triggers = ['=', '+', '-', '@', '\t', '\r'];

    public static string Text(string? value) =>
        string.IsNullOrEmpty(value) ? "" : Triggers.Contains(value[0]) ? "'" + value : value;
}
