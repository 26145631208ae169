using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.Features;

namespace GridGuard.Features.Households.Import;

/// <summary>An accepted upload: a seekable stream of the file, what it is, and its (shortened) name.</summary>
public sealed class UploadedFile(Stream stream, ImportFile kind, string fileName) : IAsyncDisposable
{
    public Stream Stream { get; } = stream;

    public ImportFile Kind { get; } = kind;

    public string FileName { get; } = fileName;

    public ValueTask DisposeAsync() => Stream.DisposeAsync();
}

/// <summary>
/// The plumbing every list upload shares (the household list, the venue list): reading the multipart form within
/// Import:MaxUploadBytes, the antiforgery check for cookie callers, refusing empty, oversized, non-xlsx/csv or damaged
/// files in Chinese, and reading the rows under the header of an <see cref="ImportSheet"/>. Nothing here writes.
/// </summary>
public static class ImportUpload
{
    /// <summary>
    /// The API side: reads the form of a multipart request and returns its file (field "file", else the first). Browsers
    /// send the sign-in cookie, so cookie callers must also send the antiforgery token; bearer clients need not.
    /// </summary>
    public static async Task<(IFormFile? File, FileRefusal? Refusal)> ReadFormAsync(
        HttpContext http, IAntiforgery antiforgery, ImportOptions options, CancellationToken ct)
    {
        var request = http.Request;
        if (request.ContentLength > options.MaxRequestBytes)
        {
            return (null, TooLarge(request.ContentLength.Value, options));
        }

        if (!request.HasFormContentType)
        {
            return (null, FileRefusal.NotSupported("文件：请以 multipart/form-data 上传，文件字段名为 file"));
        }

        // The form reader's own cap on a multipart body (128 MiB by default) follows Import:MaxUploadBytes too.
        http.Features.Set<IFormFeature>(new FormFeature(request, new FormOptions { MultipartBodyLengthLimit = options.MaxRequestBytes }));
        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(ct);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, TooLarge(null, options));
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            return (null, FileRefusal.Unreadable("文件：上传的内容不完整或格式有误，请重新上传"));
        }

        if (!request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                await antiforgery.ValidateRequestAsync(http);
            }
            catch (AntiforgeryValidationException)
            {
                return (null, new FileRefusal(StatusCodes.Status400BadRequest, "请求无效", "防伪令牌无效或缺失，请刷新页面后重新上传"));
            }
        }

        return (form.Files.GetFile("file") ?? (form.Files.Count > 0 ? form.Files[0] : null), null);
    }

    /// <summary>
    /// Checks the file (chosen, not empty, within the limit), makes it seekable and decides by content whether it is
    /// xlsx or csv (<see cref="ImportFile.Detect"/>). The caller disposes the returned upload.
    /// </summary>
    public static async Task<(UploadedFile? Upload, FileRefusal? Refusal)> OpenAsync(
        IFormFile? file, ImportOptions options, CancellationToken ct)
    {
        if (file is null || file.Length == 0)
        {
            return (null, FileRefusal.Unreadable(file is null ? "文件：请选择要上传的 .xlsx 或 .csv 文件" : "文件：文件是空的"));
        }

        if (file.Length > options.MaxUploadBytes)
        {
            return (null, TooLarge(file.Length, options));
        }

        var fileName = Path.GetFileName(file.FileName);
        fileName = fileName.Length > 100 ? fileName[..100] : fileName;
        var upload = file.OpenReadStream();
        var stream = upload;
        if (!upload.CanSeek)
        {
            await using (upload)
            {
                stream = await CopyToTempAsync(upload, ct);
            }
        }

        var (kind, refusal) = ImportFile.Detect(stream, fileName);
        if (kind is null)
        {
            await stream.DisposeAsync();
            return (null, refusal);
        }

        return (new UploadedFile(stream, kind, fileName), null);
    }

    /// <summary>
    /// Reads the data rows under the header of <paramref name="sheet"/> and parses each with <paramref name="parse"/>.
    /// Refuses a file without the header, without data rows, or that breaks while being read (damaged, truncated).
    /// </summary>
    public static (List<T>? Rows, FileRefusal? Refusal) ReadRows<T>(
        UploadedFile upload, ImportSheet sheet, Func<ImportRecord, T> parse, ILogger log, CancellationToken ct)
    {
        var rows = new List<T>();
        try
        {
            var (records, headerRefusal) = ImportTable.Open(upload.Kind.ReadRows(upload.Stream), sheet);
            if (records is null)
            {
                return (null, headerRefusal);
            }

            foreach (var record in records)
            {
                ct.ThrowIfCancellationRequested();
                rows.Add(parse(record));
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A zip or XML part that breaks halfway: the file is damaged. Nothing has been written yet.
            log.LogWarning(e, "Upload {Kind} could not be read: {Error}", upload.Kind.Kind, e.GetType().Name);
            return (null, ImportFile.Corrupt);
        }

        return rows.Count == 0 ? (null, FileRefusal.Unreadable("文件：表头下面没有任何数据行")) : (rows, null);
    }

    public static FileRefusal TooLarge(long? size, ImportOptions options) => new(StatusCodes.Status413PayloadTooLarge, "文件过大",
        $"文件：{(size is { } s ? $"大小约 {ImportOptions.Megabytes(s)}，" : "")}超过上限 {ImportOptions.Megabytes(options.MaxUploadBytes)}，请分村或分网格拆成几个文件上传");

    private static async Task<Stream> CopyToTempAsync(Stream upload, CancellationToken ct)
    {
        var temp = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920,
            FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        await upload.CopyToAsync(temp, ct);
        temp.Position = 0;
        return temp;
    }
}
