using GridGuard.Features.Canvassing;
using GridGuard.Features.Jurisdictions;
using GridGuard.Tests.Infrastructure;

namespace GridGuard.Tests.Features.Canvassing.Tips;

/// <summary>Tips and rewards written straight to the database, for triage and ledger tests.</summary>
public static class TipData
{
    private static int phone = Random.Shared.Next(0, 10_000_000);

    /// <summary>A mobile number no other test uses in this run (139 + 8 digits).</summary>
    public static string NewPhone() => "139" + (Interlocked.Increment(ref phone) % 100_000_000).ToString("00000000", System.Globalization.CultureInfo.InvariantCulture);

    public static async Task<Tip> TipAsync(AppFactory app, Jurisdiction village, string content = "张某从外地返乡，未报备",
        string? tipsterName = "王热心", string? tipsterPhone = null, string? subjectName = "张某")
    {
        var tip = new Tip
        {
            JurisdictionId = village.Id,
            Content = content,
            SubjectName = subjectName,
            TipsterName = tipsterName,
            TipsterPhone = tipsterPhone,
            SenderHash = new string('a', 64),
            Status = TipStatus.New,
            CreatedAt = app.Clock.GetUtcNow().UtcDateTime,
        };
        await app.WithDbAsync(async db =>
        {
            db.Tips.Add(tip);
            await db.SaveChangesAsync();
        });
        return tip;
    }

    public static async Task<Reward> RewardAsync(AppFactory app, Jurisdiction grid, int amount, string recipientName,
        string? recipientPhone = null, string reason = "发现重点人员")
    {
        var reward = new Reward
        {
            RecipientName = recipientName,
            RecipientPhone = recipientPhone,
            JurisdictionId = grid.Id,
            Amount = amount,
            Reason = reason,
            CreatedAt = app.Clock.GetUtcNow().UtcDateTime,
        };
        await app.WithDbAsync(async db =>
        {
            db.Rewards.Add(reward);
            await db.SaveChangesAsync();
        });
        return reward;
    }
}
