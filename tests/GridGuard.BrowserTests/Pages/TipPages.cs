using Microsoft.Playwright;

namespace GridGuard.BrowserTests.Pages;

/// <summary>
/// Tips (线索) and the reward ledger:
/// - /tips/new, public (h1 线索举报): step one finds villages by township or by name (或输入村（社区）名称查找, button
///   列出村（社区））, step two is the form (第二步：线索涉及的村（社区）, 发现的情况（必填）, 当事人姓名…, 您的姓名…,
///   您的手机号码…, button 提交线索). Accepted: data-testid="tip-receipt" with data-testid="tip-reference". Over an abuse
///   limit: 429 with data-testid="tip-limited".
/// - /tips (h1 线索): filter by 线索编号, rows data-testid="tip" linking to /tips/{id}.
/// - /tips/{id} (h1 线索 {reference}): data-testid="tip-status"; while new, 查找人员 → radios in data-testid="person-choice",
///   重点人员类别, 来源地风险等级（返乡人员填写）, button data-testid="confirm-tip"; once confirmed, data-testid="tip-reward".
/// - /rewards[/{nodeId}] (h1 {node} · 奖励台账): data-testid="reward-total-amount", children data-testid="reward-child-{code}",
///   rows data-testid="reward-row".
/// </summary>
public sealed class TipPages(IPage page)
{
    public ILocator Receipt => page.GetByTestId("tip-receipt");

    public ILocator Reference => page.GetByTestId("tip-reference");

    public ILocator Limited => page.GetByTestId("tip-limited");

    public ILocator Status => page.GetByTestId("tip-status");

    public ILocator Rewards => page.GetByTestId("tip-reward");

    public ILocator LedgerTotal => page.GetByTestId("reward-total-amount");

    public ILocator LedgerRows => page.GetByTestId("reward-row");

    public async Task GotoNewAsync() => await page.GotoAsync("/tips/new");

    /// <summary>Step one by name: lists the villages (communities) whose name contains <paramref name="villageName"/>.</summary>
    public async Task FindVillagesAsync(string villageName)
    {
        await page.GetByLabel("或输入村（社区）名称查找", new() { Exact = true }).FillAsync(villageName);
        await page.GetByRole(AriaRole.Button, new() { Name = "列出村（社区）", Exact = true }).ClickAsync();
    }

    /// <summary>Step two: the village by its label, then what was seen and who saw it; submits the form.</summary>
    public async Task SubmitAsync(string villageLabel, string content, string? subjectName, string? tipsterName, string? tipsterPhone)
    {
        await page.GetByLabel("第二步：线索涉及的村（社区）", new() { Exact = true })
            .SelectOptionAsync(new SelectOptionValue { Label = villageLabel });
        await page.GetByLabel("发现的情况（必填）", new() { Exact = true }).FillAsync(content);
        if (subjectName is not null)
        {
            await page.GetByLabel("当事人姓名（知道的可填）", new() { Exact = true }).FillAsync(subjectName);
        }

        if (tipsterName is not null)
        {
            await page.GetByLabel("您的姓名（可不填）", new() { Exact = true }).FillAsync(tipsterName);
        }

        if (tipsterPhone is not null)
        {
            await page.GetByLabel("您的手机号码（可不填；领取奖励需要）", new() { Exact = true }).FillAsync(tipsterPhone);
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "提交线索", Exact = true }).ClickAsync();
    }

    /// <summary>On /tips: filters by the reference and opens that tip.</summary>
    public async Task OpenAsync(string reference)
    {
        await page.GetByLabel("线索编号", new() { Exact = true }).FillAsync(reference);
        await page.GetByRole(AriaRole.Button, new() { Name = "筛选", Exact = true }).ClickAsync();
        await page.GetByTestId("tips").GetByTestId("tip").Filter(new() { HasTextString = reference })
            .GetByRole(AriaRole.Link).ClickAsync();
    }

    /// <summary>On /tips/{id}: finds the person by name, chooses them, the category and the risk level, and confirms.</summary>
    public async Task ConfirmAsync(string personName, string category, string? riskLevel)
    {
        await page.GetByLabel("查找人员", new() { Exact = true }).FillAsync(personName);
        await page.GetByRole(AriaRole.Button, new() { Name = "查找", Exact = true }).ClickAsync();
        await page.GetByTestId("person-choice").Filter(new() { HasTextString = personName }).GetByRole(AriaRole.Radio).CheckAsync();
        await page.GetByLabel("重点人员类别", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = category });
        if (riskLevel is not null)
        {
            await page.GetByLabel("来源地风险等级（返乡人员填写）", new() { Exact = true })
                .SelectOptionAsync(new SelectOptionValue { Label = riskLevel });
        }

        await page.GetByTestId("confirm-tip").ClickAsync();
    }

    /// <summary>On /rewards: drills down through the children, by their codes, to a node's own ledger.</summary>
    public async Task DrillDownAsync(params string[] codes)
    {
        foreach (var code in codes)
        {
            await page.GetByTestId($"reward-child-{code}").GetByRole(AriaRole.Link).ClickAsync();
        }
    }
}
