using System.Globalization;
using GridGuard.Features.Households.Import;
using GridGuard.Features.Jurisdictions;
using C = GridGuard.Features.Venues.Import.VenueColumns;

namespace GridGuard.Features.Venues.Import;

/// <summary>
/// One venue row, parsed and checked on its own (no I/O). Optional cells that are empty are null, which means "leave
/// what the registry has" for a venue that already exists.
/// </summary>
public sealed class VenueImportRow
{
    public required int Row { get; init; }

    public List<RowError> Errors { get; } = [];

    public bool IsGood => Errors.Count == 0;

    public string? GridCode { get; set; }

    public string? Name { get; set; }

    public VenueKind? Kind { get; set; }

    public string? Address { get; set; }

    public string? ResponsibleName { get; set; }

    public string? Phone { get; set; }

    public int? NonLocalStaff { get; set; }

    public void Fail(ImportColumn column, string message) => Errors.Add(new RowError(Row, column.Name, message));

    public void Fail(string column, string message) => Errors.Add(new RowError(Row, column, message));

    /// <summary>Reads and checks the cells of one record: formulas and leading = + - @ refused, lengths, kind, phone, staff.</summary>
    public static VenueImportRow Parse(ImportRecord record)
    {
        var row = new VenueImportRow { Row = record.Row };
        if (record.Problem is not null)
        {
            row.Fail("整行", record.Problem);
        }

        row.GridCode = row.Text(record, C.GridCode, Jurisdiction.CodeMaxLength, required: true);
        row.Name = row.Text(record, C.Name, Venue.NameMaxLength, required: true);
        if (row.Text(record, C.Kind, 20, required: true) is { } kind)
        {
            row.Kind = VenueText.ParseKind(kind);
            if (row.Kind is null)
            {
                row.Fail(C.Kind, $"类型：“{kind}”无法识别，应为 {VenueText.KindList}");
            }
        }

        row.Address = row.Text(record, C.Address, VenueInput.AddressMaxLength);
        row.ResponsibleName = row.Text(record, C.Responsible, VenueInput.ResponsibleNameMaxLength, required: true);
        if (row.Text(record, C.Phone, 30) is { } phone)
        {
            var (normalized, error) = VenueText.NormalizePhone(phone, C.Phone.Name);
            row.Phone = normalized;
            if (error is not null)
            {
                row.Fail(C.Phone, error);
            }
        }

        if (row.Text(record, C.NonLocalStaff, 12) is { } staff)
        {
            if (int.TryParse(staff, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && VenueInput.StaffError(n) is null)
            {
                row.NonLocalStaff = n;
            }
            else
            {
                row.Fail(C.NonLocalStaff, $"外地员工数：“{staff}”不是 0 到 {VenueInput.MaxStaff} 之间的整数");
            }
        }

        return row;
    }

    private string? Text(ImportRecord record, ImportColumn column, int maxLength, bool required = false)
    {
        var text = ImportCells.Text(record[column], column, maxLength, required, out var error);
        if (error is not null)
        {
            Fail(column, error);
        }

        return text;
    }
}
