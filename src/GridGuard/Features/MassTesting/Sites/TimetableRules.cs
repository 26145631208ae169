namespace GridGuard.Features.MassTesting.Sites;

/// <summary>Pure rules of a site's timetable (按网格分片组织). Times passed in are county-local.</summary>
public static class TimetableRules
{
    /// <summary>A slot lies on one day, inside the site's opening hours (the closing time included as an end).</summary>
    public static bool WithinHours(DateTime localStart, DateTime localEnd, TimeOnly opens, TimeOnly closes) =>
        localStart < localEnd
        && localStart.Date == localEnd.Date
        && TimeOnly.FromDateTime(localStart) >= opens
        && TimeOnly.FromDateTime(localEnd) <= closes;

    /// <summary>Half-open intervals overlap: one ending at 09:00 and the next starting at 09:00 do not.</summary>
    public static bool Overlaps(DateTime aStart, DateTime aEnd, DateTime bStart, DateTime bEnd) =>
        aStart < bEnd && bStart < aEnd;
}
