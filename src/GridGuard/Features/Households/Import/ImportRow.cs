namespace GridGuard.Features.Households.Import;

/// <summary>
/// One reason a row was not imported: the row number as the file shows it, the column, a Chinese message, and the
/// row's 姓名 (to help find the row; it is the uploader's own data).
/// </summary>
public sealed record RowError(int Row, string Column, string Message, string? Name = null);

/// <summary>
/// One person row, parsed and checked on its own (<see cref="ImportRowRules.Parse"/>). Household columns are kept
/// per row; <see cref="ImportPlan"/> decides the household's values from all of its rows.
/// Optional cells that are empty are null, which means "leave what the registry has".
/// </summary>
public sealed class ImportRow
{
    public required int Row { get; init; }

    public List<RowError> Errors { get; } = [];

    public bool IsGood => Errors.Count == 0;

    /// <summary>Columns whose cells were refused, so the household does not take its value from them.</summary>
    public HashSet<ImportColumn> BadColumns { get; } = [];

    public string? HouseholdKey { get; set; }

    public string? GridCode { get; set; }

    public string? Address { get; set; }

    public string? Unit { get; set; }

    public string? Room { get; set; }

    public bool? IsRental { get; set; }

    public string? LandlordName { get; set; }

    public string? LandlordPhone { get; set; }

    public string? Name { get; set; }

    public string? Relation { get; set; }

    public bool IsHead => Relation == "户主";

    public IdType IdType { get; set; } = IdType.ResidentIdCard;

    /// <summary>Normalised (upper-case; 15-digit resident numbers converted to 18).</summary>
    public string? IdNumber { get; set; }

    public DateOnly? BirthDate { get; set; }

    public Sex? Sex { get; set; }

    public string? Phone { get; set; }

    public Residency? Residency { get; set; }

    public string? Workplace { get; set; }

    /// <summary>The recorded (not age-derived) groups; null when the cell is empty.</summary>
    public IReadOnlyList<VulnerableGroup>? Groups { get; set; }

    public void Fail(ImportColumn column, string message)
    {
        Errors.Add(new RowError(Row, column.Name, message));
        BadColumns.Add(column);
    }

    public void Fail(string column, string message) => Errors.Add(new RowError(Row, column, message));
}
