using Microsoft.Playwright;

namespace GridGuard.BrowserTests.Pages;

/// <summary>
/// /households/import (h1 导入户籍名单): a plain multipart form, data-testid="import-form", with the file field labelled
/// 名单文件… and the button data-testid="import-submit" (开始导入, then 正在导入… while busy). While the upload runs, the
/// busy notice shows data-testid="import-progress", which the page's script fills from
/// GET /api/households/import/progress/{id}. Afterwards data-testid="import-report" holds data-testid="import-summary" and
/// the table data-testid="import-errors" (行号, 姓名, 列, 原因); a refused file shows data-testid="import-refusal".
/// </summary>
public sealed class HouseholdImportPage(IPage page)
{
    /// <summary>The page script's poll: GET {ProgressPath}{id}.</summary>
    public const string ProgressPath = "/api/households/import/progress/";

    public ILocator Submit => page.GetByTestId("import-submit");

    public ILocator Report => page.GetByTestId("import-report");

    public ILocator Summary => page.GetByTestId("import-summary");

    public ILocator ErrorRows => page.GetByTestId("import-errors").GetByRole(AriaRole.Row);

    public async Task<HouseholdImportPage> GotoAsync()
    {
        await page.GotoAsync("/households/import");
        return this;
    }

    /// <summary>Chooses the file and starts the import; completes when the page has its answer (the report or a refusal).</summary>
    public async Task UploadAsync(string fileName, string mimeType, byte[] content)
    {
        await page.GetByLabel("名单文件").SetInputFilesAsync(new FilePayload { Name = fileName, MimeType = mimeType, Buffer = content });
        await Submit.ClickAsync();
    }
}
