using GridGuard.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace GridGuard.Features.Canvassing.Tips;

/// <summary>A limit that was reached: the Chinese message and how long until one more tip is accepted.</summary>
public sealed record LimitHit(string Field, string Message, TimeSpan RetryAfter)
{
    /// <summary>Whole seconds for the Retry-After header, at least 1.</summary>
    public int RetryAfterSeconds => Math.Max(1, (int)Math.Ceiling(RetryAfter.TotalSeconds));
}

/// <summary>
/// The abuse guard of the public tip form, without CAPTCHA: at most N stored tips per sender (hashed IP) and per
/// tipster phone in a sliding window, counted from the Tips table (indexed by SenderHash/TipsterPhone + CreatedAt).
/// Two requests at the same instant may both pass; the limit is a brake on floods, not an exact quota.
/// </summary>
public static class TipLimits
{
    public static async Task<LimitHit?> CheckSenderAsync(AppDbContext db, TipsOptions options, string senderHash, DateTime now,
        CancellationToken ct)
    {
        var wait = await WaitAsync(db.Tips.Where(t => t.SenderHash == senderHash).Select(t => t.CreatedAt), options.PerIpLimit, options.PerIpWindow, now, ct);
        return wait is { } w
            ? new LimitHit("", $"提交过于频繁：同一网络 {TipText.Duration(options.PerIpWindow)}内最多提交 {options.PerIpLimit} 条线索，请 {TipText.Duration(w)}后再试", w)
            : null;
    }

    public static async Task<LimitHit?> CheckPhoneAsync(AppDbContext db, TipsOptions options, string phone, DateTime now,
        CancellationToken ct)
    {
        var wait = await WaitAsync(db.Tips.Where(t => t.TipsterPhone == phone).Select(t => t.CreatedAt), options.PerPhoneLimit, options.PerPhoneWindow, now, ct);
        return wait is { } w
            ? new LimitHit(nameof(SubmitTip.Request.TipsterPhone),
                $"联系电话：同一手机号码 {TipText.Duration(options.PerPhoneWindow)}内最多提交 {options.PerPhoneLimit} 条线索，请 {TipText.Duration(w)}后再试", w)
            : null;
    }

    /// <summary>
    /// Null while fewer than <paramref name="limit"/> submissions (their creation times, e.g. tips or arrival reports of
    /// one sender) lie in the window; otherwise the time until the oldest of the newest <paramref name="limit"/> leaves
    /// it. A limit of 0 or less switches the check off. Shared with the public arrival-report form.
    /// </summary>
    public static async Task<TimeSpan?> WaitAsync(IQueryable<DateTime> sent, int limit, TimeSpan window, DateTime now, CancellationToken ct)
    {
        if (limit <= 0)
        {
            return null;
        }

        var since = now - window;
        var times = await sent
            .Where(t => t > since)
            .OrderByDescending(t => t)
            .Take(limit)
            .ToListAsync(ct);
        return times.Count < limit ? null : times[^1] + window - now;
    }
}
