using System.IO.Compression;
using System.Text;

namespace GridGuard.Features.Households.Import;

public enum ImportFileKind
{
    Csv,
    Xlsx,
}

/// <summary>A file refused as a whole: the HTTP status and the reason in Chinese.</summary>
public sealed record FileRefusal(int Status, string Title, string Message)
{
    public static FileRefusal NotSupported(string message) => new(StatusCodes.Status415UnsupportedMediaType, "文件类型不支持", message);

    public static FileRefusal Unreadable(string message) => new(StatusCodes.Status400BadRequest, "文件无法读取", message);
}

/// <summary>An accepted upload: its kind, and for CSV the text encoding it was written in.</summary>
public sealed record ImportFile(ImportFileKind Kind, Encoding? Encoding)
{
    /// <summary>GB18030 with strict fallbacks: what Excel on Chinese Windows writes for "CSV".</summary>
    public static readonly Encoding Gb18030 = CreateGb18030();

    private static readonly Encoding StrictUtf8 = new UTF8Encoding(false, throwOnInvalidBytes: true);

    /// <summary>
    /// Decides what a file is by its content (the extension must agree): a zip holding an Excel workbook is xlsx;
    /// text in UTF-8 (with or without BOM), UTF-16 with BOM, or else GB18030 is CSV. Anything else is refused.
    /// The stream must be seekable; it is left at position 0.
    /// </summary>
    public static (ImportFile? File, FileRefusal? Refusal) Detect(Stream stream, string? fileName)
    {
        var extension = Path.GetExtension(fileName ?? "").ToLowerInvariant();
        if (extension is not (".xlsx" or ".csv"))
        {
            return Refuse(FileRefusal.NotSupported(
                $"文件：只接受 .xlsx 或 .csv 文件{(extension.Length > 0 ? $"，收到的是“{extension}”" : "")}，请使用下载的模板"));
        }

        if (stream.Length == 0)
        {
            return Refuse(FileRefusal.Unreadable("文件：文件是空的"));
        }

        Span<byte> head = stackalloc byte[8];
        stream.Position = 0;
        var read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        head = head[..read];
        stream.Position = 0;

        if (head.StartsWith("PK\u0003\u0004"u8))
        {
            return extension == ".xlsx"
                ? CheckWorkbook(stream)
                : Refuse(FileRefusal.NotSupported("文件：内容是压缩包（例如 xlsx），与扩展名 .csv 不符"));
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0xD0, 0xCF, 0x11, 0xE0]))
        {
            return Refuse(FileRefusal.NotSupported("文件：这是旧版 Excel（.xls）等 Office 文件，请在 Excel 中另存为 .xlsx 或“CSV UTF-8”后再上传"));
        }

        if (extension == ".xlsx")
        {
            return Refuse(FileRefusal.NotSupported("文件：内容不是 Excel 工作簿（xlsx），请勿只修改扩展名"));
        }

        return DetectText(stream, head);
    }

    private static (ImportFile?, FileRefusal?) DetectText(Stream stream, ReadOnlySpan<byte> head)
    {
        if (head.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            return IsValid(stream, StrictUtf8)
                ? (new ImportFile(ImportFileKind.Csv, Encoding.UTF8), null)
                : Refuse(FileRefusal.Unreadable("文件：带 UTF-8 标记，但内容不是有效的 UTF-8，文件可能已损坏"));
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return (new ImportFile(ImportFileKind.Csv, head[0] == 0xFF ? Encoding.Unicode : Encoding.BigEndianUnicode), null);
        }

        if (ContainsNul(stream))
        {
            return Refuse(FileRefusal.NotSupported("文件：内容不是文本 CSV（像是图片、PDF 或其他二进制文件）"));
        }

        if (IsValid(stream, StrictUtf8))
        {
            return (new ImportFile(ImportFileKind.Csv, Encoding.UTF8), null);
        }

        return IsValid(stream, Gb18030)
            ? (new ImportFile(ImportFileKind.Csv, Gb18030), null)
            : Refuse(FileRefusal.Unreadable("文件：无法识别文字编码（既不是 UTF-8 也不是 GB18030），请在 Excel 中另存为“CSV UTF-8”"));
    }

    private static (ImportFile?, FileRefusal?) CheckWorkbook(Stream stream)
    {
        try
        {
            using var zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
            if (zip.GetEntry("xl/workbook.xml") is null)
            {
                return Refuse(FileRefusal.NotSupported("文件：压缩包里没有 Excel 工作簿，不是 xlsx 文件"));
            }
        }
        catch (InvalidDataException)
        {
            return Refuse(Corrupt);
        }
        finally
        {
            stream.Position = 0;
        }

        return (new ImportFile(ImportFileKind.Xlsx, null), null);
    }

    public static readonly FileRefusal Corrupt = FileRefusal.Unreadable("文件：文件已损坏或不完整（可能上传中断），请重新保存后再上传");

    private static bool ContainsNul(Stream stream)
    {
        var buffer = new byte[64 * 1024];
        var n = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        stream.Position = 0;
        return Array.IndexOf(buffer, (byte)0, 0, n) >= 0;
    }

    /// <summary>Decodes the whole stream once with a strict decoder; false at the first invalid sequence.</summary>
    private static bool IsValid(Stream stream, Encoding strict)
    {
        var decoder = strict.GetDecoder();
        var bytes = new byte[64 * 1024];
        var chars = new char[strict.GetMaxCharCount(bytes.Length)];
        try
        {
            int n;
            while ((n = stream.Read(bytes, 0, bytes.Length)) > 0)
            {
                decoder.GetChars(bytes, 0, n, chars, 0, flush: false);
            }

            decoder.GetChars(bytes, 0, 0, chars, 0, flush: true);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
        finally
        {
            stream.Position = 0;
        }
    }

    private static Encoding CreateGb18030()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding("GB18030", EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
    }

    private static (ImportFile?, FileRefusal?) Refuse(FileRefusal refusal) => (null, refusal);

    /// <summary>Every physical row of the file, streamed. Throws on a file that breaks while being read.</summary>
    public IEnumerable<RawRow> ReadRows(Stream stream) =>
        Kind == ImportFileKind.Xlsx ? XlsxRows.Read(stream) : CsvRows.Read(stream, Encoding ?? System.Text.Encoding.UTF8);
}
