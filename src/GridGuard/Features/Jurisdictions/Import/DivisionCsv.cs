using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace GridGuard.Features.Jurisdictions.Import;

/// <summary>The files we read: the five china-division files, and our own nodes file.</summary>
public enum DivisionFileKind
{
    Provinces,
    Cities,
    Areas,
    Streets,
    Villages,

    /// <summary>Our own CSV for compounds, buildings and grids: code,name,level,parentCode[,settlement].</summary>
    Nodes,
}

/// <summary>Reads division CSV files into <see cref="DivisionRow"/>s, recognising the kind by the header.</summary>
public static class DivisionCsv
{
    /// <summary>Import order of a china-division directory: parents before children.</summary>
    public static readonly DivisionFileKind[] DirectoryOrder =
    [
        DivisionFileKind.Provinces, DivisionFileKind.Cities, DivisionFileKind.Areas,
        DivisionFileKind.Streets, DivisionFileKind.Villages,
    ];

    public static string FileName(DivisionFileKind kind) => kind.ToString().ToLowerInvariant() + ".csv";

    /// <summary>Recognises a file by its header row, or null when it is none of ours.</summary>
    public static DivisionFileKind? KindOf(IReadOnlyList<string> header)
    {
        var h = string.Join(',', header.Select(c => c.Trim()));
        return h switch
        {
            "code,name" => DivisionFileKind.Provinces,
            "code,name,provinceCode" => DivisionFileKind.Cities,
            "code,name,cityCode,provinceCode" => DivisionFileKind.Areas,
            "code,name,areaCode,provinceCode,cityCode" => DivisionFileKind.Streets,
            "code,name,streetCode,provinceCode,cityCode,areaCode" => DivisionFileKind.Villages,
            _ when h.StartsWith("code,name,level,parentCode", StringComparison.Ordinal) => DivisionFileKind.Nodes,
            _ => null,
        };
    }

    /// <summary>
    /// Reads every row whose code starts with <paramref name="rootCode"/> (all rows when null).
    /// Unparseable rows become errors with their line number. A root whose parent is not in the
    /// database becomes the top of a tree (see <see cref="JurisdictionImporter"/>).
    /// </summary>
    public static (DivisionFileKind? Kind, List<DivisionRow> Rows, List<ImportError> Errors) Read(
        TextReader reader, string? rootCode)
    {
        var rows = new List<DivisionRow>();
        var errors = new List<ImportError>();
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            BadDataFound = null,
            MissingFieldFound = null,
            DetectDelimiter = false,
            TrimOptions = TrimOptions.Trim,
        };
        using var csv = new CsvReader(reader, config);
        if (!csv.Read() || !csv.ReadHeader() || csv.HeaderRecord is null)
        {
            errors.Add(new ImportError(1, "header", "文件为空或缺少表头"));
            return (null, rows, errors);
        }

        var kind = KindOf(csv.HeaderRecord);
        if (kind is null)
        {
            errors.Add(new ImportError(1, "header",
                $"无法识别的表头“{string.Join(',', csv.HeaderRecord)}”，应为 china-division 格式或 code,name,level,parentCode"));
            return (null, rows, errors);
        }

        while (csv.Read())
        {
            var line = csv.Parser.Row;
            var code = csv.GetField(0) ?? "";
            if (rootCode is not null && !code.StartsWith(rootCode, StringComparison.Ordinal))
            {
                continue;
            }

            var name = csv.GetField(1) ?? "";
            switch (kind)
            {
                case DivisionFileKind.Nodes:
                    var levelText = csv.GetField(2) ?? "";
                    if (JurisdictionLabels.ParseLevel(levelText) is not { } level)
                    {
                        errors.Add(new ImportError(line, "level", $"层级“{levelText}”无法识别"));
                        continue;
                    }

                    var settlementText = csv.Parser.Count > 4 ? csv.GetField(4) : null;
                    Settlement? settlement = settlementText switch
                    {
                        "Urban" or "城镇" or "城市" => Settlement.Urban,
                        "Rural" or "农村" => Settlement.Rural,
                        _ => null,
                    };
                    rows.Add(new DivisionRow(line, code, name, level, NullIfEmpty(csv.GetField(3)), settlement));
                    break;
                default:
                    var (lvl, parentColumn) = kind switch
                    {
                        DivisionFileKind.Provinces => (JurisdictionLevel.Province, -1),
                        DivisionFileKind.Cities => (JurisdictionLevel.City, 2),
                        DivisionFileKind.Areas => (JurisdictionLevel.County, 2),
                        DivisionFileKind.Streets => (JurisdictionLevel.Township, 2),
                        _ => (JurisdictionLevel.Village, 2),
                    };
                    var parent = parentColumn < 0 ? null : NullIfEmpty(csv.GetField(parentColumn));
                    rows.Add(new DivisionRow(line, code, name, lvl, parent));
                    break;
            }
        }

        return (kind, rows, errors);
    }

    private static string? NullIfEmpty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
