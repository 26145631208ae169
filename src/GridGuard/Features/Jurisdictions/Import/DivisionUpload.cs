using System.Text;
using System.Text.Unicode;

namespace GridGuard.Features.Jurisdictions.Import;

/// <summary>A file-level refusal: the HTTP status and a Chinese message that names the field.</summary>
public sealed record UploadProblem(int Status, string Message);

/// <summary>
/// Checks an uploaded file before any row is read: CSV by name, by content type and by content (text, a header we
/// recognise), and not over the size limit. Reads UTF-8 (with or without BOM) and, failing that, GB18030, the
/// encoding in which Excel on a Chinese Windows saves CSV.
/// </summary>
public static class DivisionUpload
{
    /// <summary>Content types that browsers and clients send for a .csv file (Windows with Excel: vnd.ms-excel).</summary>
    private static readonly HashSet<string> CsvContentTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        "text/csv", "application/csv", "text/comma-separated-values", "application/vnd.ms-excel",
        "text/plain", "application/octet-stream",
    };

    private const int SniffBytes = 64 * 1024;

    static DivisionUpload() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>Checks the name, content type and size; null when they are acceptable.</summary>
    public static UploadProblem? CheckFile(string? fileName, string? contentType, long length, long maxBytes)
    {
        var name = Path.GetFileName(fileName ?? "");
        if (name.Length == 0)
        {
            return new UploadProblem(StatusCodes.Status400BadRequest, "文件：请选择要导入的 CSV 文件");
        }

        if (!name.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
        {
            return new UploadProblem(StatusCodes.Status415UnsupportedMediaType,
                $"文件：“{name}”不是 CSV 文件，只接受扩展名为 .csv 的文件");
        }

        var mediaType = (contentType ?? "").Split(';')[0].Trim();
        if (mediaType.Length > 0 && !CsvContentTypes.Contains(mediaType))
        {
            return new UploadProblem(StatusCodes.Status415UnsupportedMediaType,
                $"文件：内容类型“{mediaType}”不是 CSV，请上传 CSV 文件");
        }

        if (length > maxBytes)
        {
            return TooLarge(maxBytes);
        }

        return length == 0 ? new UploadProblem(StatusCodes.Status400BadRequest, "文件：文件是空的") : null;
    }

    public static UploadProblem TooLarge(long maxBytes) => new(StatusCodes.Status413PayloadTooLarge,
        $"文件：超过大小上限 {ImportOptions.Describe(maxBytes)}，请按地区拆分后分别导入");

    /// <summary>
    /// Reads the rows of a seekable stream whose name and size passed <see cref="CheckFile"/>. A file that is not text
    /// or whose header is none of ours is a problem; rows that cannot be read are row errors.
    /// </summary>
    public static (UploadProblem? Problem, List<DivisionRow> Rows, List<ImportError> Errors) Read(Stream content, string? rootCode)
    {
        var head = new byte[SniffBytes];
        var read = content.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        content.Position = 0;
        if (head.AsSpan(0, read).Contains((byte)0))
        {
            return (new UploadProblem(StatusCodes.Status415UnsupportedMediaType, "文件：内容不是文本，不是 CSV 文件"), [], []);
        }

        using var reader = new StreamReader(content, EncodingOf(head.AsSpan(0, read), read < head.Length), leaveOpen: true);
        var (kind, rows, errors) = DivisionCsv.Read(reader, rootCode);
        return kind is null
            ? (new UploadProblem(StatusCodes.Status415UnsupportedMediaType, "文件：" + errors[0].Message), [], [])
            : (null, rows, errors);
    }

    /// <summary>UTF-8 when the start of the file is valid UTF-8 (a cut last character allowed), else GB18030.</summary>
    private static Encoding EncodingOf(ReadOnlySpan<byte> head, bool whole)
    {
        if (!whole)
        {
            // The sniffed block may end inside a character: drop up to three bytes of an unfinished sequence.
            var cut = head.Length;
            for (var i = 1; i <= 3 && i <= head.Length; i++)
            {
                var b = head[^i];
                if ((b & 0xC0) != 0x80)
                {
                    cut = (b & 0x80) == 0 ? head.Length : head.Length - i;
                    break;
                }
            }

            head = head[..cut];
        }

        return Utf8.IsValid(head) ? new UTF8Encoding(false) : Encoding.GetEncoding("GB18030");
    }
}
