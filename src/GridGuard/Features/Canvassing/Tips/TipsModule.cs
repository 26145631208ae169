namespace GridGuard.Features.Canvassing.Tips;

/// <summary>
/// Tips (线索) from residents — anonymous submission guarded by per-IP and per-phone limits, triage by staff — and the
/// reward ledger (奖励台账) of confirmed tips and finders.
/// </summary>
public static class TipsModule
{
    public static IServiceCollection AddTips(this IServiceCollection services)
    {
        services.AddOptions<TipsOptions>().BindConfiguration(TipsOptions.Section);
        services.AddOptions<RewardOptions>().BindConfiguration(RewardOptions.Section);
        services.AddSingleton<TipSender>();
        return services;
    }

    public static WebApplication MapTips(this WebApplication app)
    {
        // The group requires a signed-in user; SubmitTip and ListTipVillages opt out with AllowAnonymous.
        var tips = app.MapGroup("/api/tips").WithTags("线索").RequireAuthorization();
        tips.MapSubmitTip();
        tips.MapListTipVillages();
        tips.MapListTips();
        tips.MapGetTip();
        tips.MapConfirmTip();
        tips.MapRejectTip();

        var rewards = app.MapGroup("/api/rewards").WithTags("奖励台账").RequireAuthorization();
        rewards.MapListRewards();
        rewards.MapGetRewardSummary();
        rewards.MapListRewardRecipients();
        rewards.MapRecordReward();
        rewards.MapExportRewards();
        return app;
    }
}
