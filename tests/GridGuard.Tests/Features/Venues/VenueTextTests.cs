using GridGuard.Features.Venues;

namespace GridGuard.Tests.Features.Venues;

/// <summary>The pure rules of venues: kind labels and words, and the responsible person's phone.</summary>
public sealed class VenueTextTests
{
    [Fact]
    public void Label_EveryKind_HasItsOwnChineseLabel()
    {
        var labels = Enum.GetValues<VenueKind>().Select(k => k.Label()).ToList();

        Assert.Equal(
            ["企业", "景区", "宾馆酒店", "餐饮", "棋牌室", "彩票店", "养老院", "学校", "幼儿园", "农贸市场", "商超", "药店", "公交站", "写字楼", "工业园区"],
            labels);
    }

    [Theory]
    [InlineData("宾馆酒店", VenueKind.Hotel)] // the label
    [InlineData("宾馆", VenueKind.Hotel)] // seed 002's word
    [InlineData(" hotel ", VenueKind.Hotel)] // the API name, any case
    [InlineData("彩票站", VenueKind.LotteryShop)]
    [InlineData("公交车停靠点", VenueKind.BusStop)]
    [InlineData("商务楼宇", VenueKind.OfficeBuilding)] // seed 001
    [InlineData("托儿所", VenueKind.Kindergarten)]
    public void ParseKind_KnownWord_IsTheKind(string text, VenueKind expected) =>
        Assert.Equal(expected, VenueText.ParseKind(text));

    [Theory]
    [InlineData("3")] // numbers are not a contract
    [InlineData("赌场")]
    [InlineData("")]
    [InlineData(null)]
    public void ParseKind_UnknownWord_IsNull(string? text) => Assert.Null(VenueText.ParseKind(text));

    [Theory]
    [InlineData("13812345678", "13812345678")]
    [InlineData("138 1234 5678", "13812345678")]
    [InlineData("+86 138-1234-5678", "13812345678")]
    [InlineData("0877-2123456", "0877-2123456")] // 玉溪: 4-digit area code, 7-digit number
    [InlineData("(0877)21234567", "0877-21234567")]
    [InlineData("（0871）6512 3456", "0871-65123456")]
    [InlineData("010-62345678", "010-62345678")] // 3-digit area codes have 8-digit numbers
    [InlineData("02187654321", "021-87654321")]
    public void NormalizePhone_MobileOrFixedLineWithAreaCode_IsNormalised(string input, string expected)
    {
        var (phone, error) = VenueText.NormalizePhone(input);

        Assert.Null(error);
        Assert.Equal(expected, phone);
    }

    [Theory]
    [InlineData("1381234567")] // 10 digits
    [InlineData("12812345678")] // second digit 2
    [InlineData("12345678")] // a fixed line without its area code
    [InlineData("0877-212345")] // 6-digit number
    [InlineData("0877-0123456")] // a local number starts with 2–9
    [InlineData("010-6234567")] // Beijing numbers have 8 digits
    [InlineData("0177-2123456")] // area codes do not start with 01 other than 010
    [InlineData("电话")]
    public void NormalizePhone_Other_IsRefusedNamingTheField(string input)
    {
        var (phone, error) = VenueText.NormalizePhone(input);

        Assert.Null(phone);
        Assert.StartsWith("联系电话：应为 11 位手机号码，或带区号的固定电话", error, StringComparison.Ordinal);
    }

    [Fact]
    public void NormalizePhone_Empty_IsNoPhone() => Assert.Equal((null, null), VenueText.NormalizePhone("  "));
}
