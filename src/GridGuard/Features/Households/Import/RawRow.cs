namespace GridGuard.Features.Households.Import;

/// <summary>
/// One cell as read from the file, never evaluated: its text, whether it held a formula (xlsx), and whether the
/// spreadsheet stored it as a number (an 18-digit ID typed into a number cell has already lost its last digits).
/// </summary>
public readonly record struct RawCell(string? Text, bool IsFormula = false, bool IsNumber = false)
{
    public static readonly RawCell Empty = new(null);

    public bool IsBlank => !IsFormula && string.IsNullOrWhiteSpace(Text);
}

/// <summary>One physical row of the file: its 1-based number as a spreadsheet shows it, and its cells left to right.</summary>
public sealed record RawRow(int Number, IReadOnlyList<RawCell> Cells, string? Problem = null)
{
    public bool IsBlank => Problem is null && Cells.All(c => c.IsBlank);
}
