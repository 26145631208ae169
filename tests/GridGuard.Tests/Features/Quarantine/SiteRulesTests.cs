using GridGuard.Features.Quarantine;

namespace GridGuard.Tests.Features.Quarantine;

/// <summary>The pure rules of sites: the 24-hour activation clock, status changes, room codes and plates.</summary>
public sealed class SiteRulesTests
{
    private static readonly DateTime Start = new(2026, 11, 24, 2, 0, 0, DateTimeKind.Utc);

    [Theory]
    // Just started: the full 24 hours are left.
    [InlineData(0, 1440, false, "启用倒计时：剩余 24 小时 0 分")]
    // Part-way: whole minutes, rounded up.
    [InlineData(90.5, 1350, false, "启用倒计时：剩余 22 小时 30 分")]
    // The last minute still counts as time left.
    [InlineData(1439.5, 1, false, "启用倒计时：剩余 0 小时 1 分")]
    // At the limit exactly, the clock has run out: warning.
    [InlineData(1440, 0, true, "警告：启用已超过 24 小时（超时 0 小时 0 分）")]
    // Long past the limit: the warning says by how much.
    [InlineData(1440 + 125, 0, true, "警告：启用已超过 24 小时（超时 2 小时 5 分）")]
    public void Clock_Activating_CountsDownThenWarns(double minutesLater, int remaining, bool overdue, string text)
    {
        var clock = SiteRules.Clock(SiteStatus.Activating, Start, Start.AddMinutes(minutesLater))!;

        Assert.Equal((remaining, overdue, Start.AddHours(24)), (clock.RemainingMinutes, clock.Overdue, clock.Deadline));
        Assert.StartsWith(text, clock.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(SiteStatus.Standby)]
    [InlineData(SiteStatus.Active)]
    public void Clock_NotActivating_IsNull(SiteStatus status) =>
        Assert.Null(SiteRules.Clock(status, Start, Start.AddHours(30)));

    [Theory]
    [InlineData(SiteStatus.Standby, SiteStatus.Activating, 0, null)]
    [InlineData(SiteStatus.Activating, SiteStatus.Active, 0, null)]
    [InlineData(SiteStatus.Activating, SiteStatus.Standby, 0, null)]
    [InlineData(SiteStatus.Active, SiteStatus.Standby, 0, null)]
    // A site with people in it cannot be stood down.
    [InlineData(SiteStatus.Active, SiteStatus.Standby, 2, "状态：仍有 2 人在住")]
    // Activation is not skipped: the 24-hour clock must run.
    [InlineData(SiteStatus.Standby, SiteStatus.Active, 0, "状态：待命的隔离点须先“启动启用”")]
    [InlineData(SiteStatus.Active, SiteStatus.Activating, 0, "状态：不能从“已启用”改为“启用中”")]
    [InlineData(SiteStatus.Active, SiteStatus.Active, 0, "状态：隔离点已是“已启用”")]
    public void TransitionError_Table(SiteStatus from, SiteStatus to, int occupants, string? error)
    {
        var actual = SiteRules.TransitionError(from, to, occupants);
        if (error is null)
        {
            Assert.Null(actual);
        }
        else
        {
            Assert.StartsWith(error, actual, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("101", "101")]
    [InlineData("101-103", "101,102,103")]
    [InlineData("001-003", "001,002,003")]
    [InlineData("A8-A10", "A8,A9,A10")]
    [InlineData("101，105~106、201", "101,105,106,201")]
    public void ParseRoomCodes_Valid_ListsEveryCode(string input, string expected)
    {
        var (codes, error) = SiteRules.ParseRoomCodes(input);

        Assert.Null(error);
        Assert.Equal(expected.Split(','), codes);
    }

    [Theory]
    [InlineData("", "房间号：不能为空")]
    [InlineData("120-101", "房间号：“120-101”的结束号小于开始号")]
    [InlineData("1-500", "房间号：一次最多添加 200 间")]
    [InlineData("101,101", "房间号：101 填写了不止一次")]
    [InlineData("a-b", "房间号：“a-b”不是有效的范围")]
    [InlineData("A1-B3", "房间号：“A1-B3”前后的字母不同")]
    public void ParseRoomCodes_Bad_SaysWhy(string input, string error) =>
        Assert.StartsWith(error, SiteRules.ParseRoomCodes(input).Error, StringComparison.Ordinal);

    [Theory]
    [InlineData("云A12345", "云A12345")]
    [InlineData(" 云a·1234 5 ", "云A12345")]
    [InlineData("云AD12345", "云AD12345")]
    public void NormalizePlate_Valid(string input, string plate) => Assert.Equal(plate, SiteRules.NormalizePlate(input).Plate);

    [Theory]
    [InlineData("", "车牌号：不能为空")]
    [InlineData("A12345", "车牌号：“A12345”不是有效的车牌号")]
    public void NormalizePlate_Bad(string input, string error) =>
        Assert.StartsWith(error, SiteRules.NormalizePlate(input).Error, StringComparison.Ordinal);
}
