using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using GridGuard.Features.Canvassing.Tips;
using Microsoft.Extensions.Options;

namespace GridGuard.Features.MassTesting.Results.Lookup;

/// <summary>Abuse limits of the public result lookup (section "ResultLookup").</summary>
public sealed class LookupOptions
{
    public const string Section = "ResultLookup";

    /// <summary>Lookups from one sender (IP address, IPv6 by /64, as <see cref="TipSender"/> counts) per <see cref="PerIpWindow"/>.</summary>
    public int PerIpLimit { get; set; } = 20;

    public TimeSpan PerIpWindow { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Lookups of one ID number (right or wrong phone) per <see cref="PerIdWindow"/>: a brake on guessing phones.</summary>
    public int PerIdLimit { get; set; } = 5;

    public TimeSpan PerIdWindow { get; set; } = TimeSpan.FromHours(1);
}

/// <summary>
/// The sliding-window limits of the public result lookup, per sender and per ID number. The tip form and the arrival
/// report count their limits from the rows they store (<see cref="TipLimits.WaitAsync"/>); a lookup stores nothing, so
/// the same windows are kept here in memory, keyed by the sender's keyed hash (<see cref="TipSender"/>) and a hash of the
/// ID number, with the same <see cref="LimitHit"/> and 429 + Retry-After. Limits restart with the process and are per
/// instance: a brake on enumeration, not a quota.
/// </summary>
public sealed class LookupLimiter(IOptions<LookupOptions> options, TimeProvider time)
{
    private const int PruneAbove = 50_000;
    private readonly ConcurrentDictionary<string, Queue<DateTime>> hits = new(StringComparer.Ordinal);

    public LookupOptions Options => options.Value;

    /// <summary>Counts one lookup; null when it may go ahead, otherwise the limit it hit (the attempt is not counted then).</summary>
    public LimitHit? Check(string senderHash, string idNumber)
    {
        var o = options.Value;
        var now = time.GetUtcNow().UtcDateTime;
        if (hits.Count > PruneAbove)
        {
            Prune(now, o);
        }

        if (Wait("ip:" + senderHash, o.PerIpLimit, o.PerIpWindow, now) is { } ipWait)
        {
            return new LimitHit("", $"查询过于频繁：同一网络 {TipText.Duration(o.PerIpWindow)}内最多查询 {o.PerIpLimit} 次，请 {TipText.Duration(ipWait)}后再试", ipWait);
        }

        var idKey = "id:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(idNumber.Trim().ToUpperInvariant())));
        if (Wait(idKey, o.PerIdLimit, o.PerIdWindow, now) is { } idWait)
        {
            return new LimitHit("IdNumber", $"身份证号码：同一证件 {TipText.Duration(o.PerIdWindow)}内最多查询 {o.PerIdLimit} 次，请 {TipText.Duration(idWait)}后再试", idWait);
        }

        Add("ip:" + senderHash, now);
        Add(idKey, now);
        return null;
    }

    private TimeSpan? Wait(string key, int limit, TimeSpan window, DateTime now)
    {
        if (limit <= 0 || !hits.TryGetValue(key, out var queue))
        {
            return null;
        }

        lock (queue)
        {
            while (queue.Count > 0 && queue.Peek() <= now - window)
            {
                queue.Dequeue();
            }

            return queue.Count < limit ? null : queue.ElementAt(queue.Count - limit) + window - now;
        }
    }

    private void Add(string key, DateTime now)
    {
        var queue = hits.GetOrAdd(key, _ => new Queue<DateTime>());
        lock (queue)
        {
            queue.Enqueue(now);
        }
    }

    private void Prune(DateTime now, LookupOptions o)
    {
        var longest = o.PerIpWindow > o.PerIdWindow ? o.PerIpWindow : o.PerIdWindow;
        foreach (var (key, queue) in hits)
        {
            bool stale;
            lock (queue)
            {
                stale = queue.Count == 0 || queue.Last() <= now - longest;
            }

            if (stale)
            {
                hits.TryRemove(key, out _);
            }
        }
    }
}
