using GridGuard.Features.Demo;
using GridGuard.Features.Households;

namespace GridGuard.Tests.Features.Households;

public sealed class IdNumbersTests
{
    private static readonly DateOnly Today = new(2026, 11, 24);

    [Theory]
    // The GB 11643-1999 example number: valid, female (even 17th digit).
    [InlineData("11010519491231002X", true, "11010519491231002X", "1949-12-31", Sex.Female, null)]
    [InlineData("530427199001011234", false, null, null, null, "校验位不正确")]
    // A valid number of the demo county (check character computed independently), male (odd 17th digit).
    [InlineData("530427198807150010", true, "530427198807150010", "1988-07-15", Sex.Male, null)]
    // Lower-case x is accepted and stored upper-case.
    [InlineData("11010519491231002x", true, "11010519491231002X", "1949-12-31", Sex.Female, null)]
    // Surrounding spaces are trimmed.
    [InlineData(" 11010519491231002X ", true, "11010519491231002X", "1949-12-31", Sex.Female, null)]
    // A 15-digit first-generation number gets "19" before the year and a computed check character.
    [InlineData("110105491231002", true, "11010519491231002X", "1949-12-31", Sex.Female, null)]
    [InlineData("11010549123100A", false, null, null, null, "只能由数字组成")]
    // February 30th does not exist (the rest of the number, check included, is right).
    [InlineData("110105194902300020", false, null, null, null, "不是有效日期")]
    // Born after today.
    [InlineData("110105202712310022", false, null, null, null, "晚于今天")]
    // 99 is no province.
    [InlineData("990105194912310023", false, null, null, null, "省份代码")]
    [InlineData("1101051949123100", false, null, null, null, "应为 18 位")]
    [InlineData("1101051949123100Y2", false, null, null, null, "前 17 位应为数字")]
    [InlineData("", false, null, null, null, "不能为空")]
    public void CheckResidentIdCard_Table(string number, bool valid, string? normalized, string? birth, Sex? sex, string? error)
    {
        var check = IdNumbers.Check(IdType.ResidentIdCard, number, Today);

        Assert.Equal(valid, check.Valid);
        Assert.Equal(normalized, check.Normalized);
        Assert.Equal(birth, check.BirthDate?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(sex, check.Sex);
        if (error is null)
        {
            Assert.Null(check.Error);
        }
        else
        {
            Assert.Contains(error, check.Error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void CheckResidentIdCard_BornToday_IsValid()
    {
        var body = "530427" + "20261124" + "001";
        var number = body + IdNumbers.CheckChar(body);

        Assert.True(IdNumbers.Check(IdType.ResidentIdCard, number, Today).Valid);
    }

    [Theory]
    [InlineData(IdType.Passport, "e12345678", true, "E12345678")]
    [InlineData(IdType.HkMoTwPermit, "H0123456701", true, "H0123456701")]
    [InlineData(IdType.Other, "<script>", false, null)]
    [InlineData(IdType.Passport, "123456789012345678901234567890123", false, null)]
    public void Check_OtherTypes_NotChecksummed(IdType type, string number, bool valid, string? normalized)
    {
        var check = IdNumbers.Check(type, number, Today);

        Assert.Equal(valid, check.Valid);
        Assert.Equal(normalized, check.Normalized);
    }

    [Fact]
    public void SyntheticIdNumbers_Thousand_AreAllValidWithTheirBirthDateAndSex()
    {
        var random = new Random(42);
        for (var i = 0; i < 1000; i++)
        {
            var sex = i % 2 == 0 ? Sex.Male : Sex.Female;
            var birth = SyntheticIdNumbers.BirthDate(random, Today, 0, 100);
            var number = SyntheticIdNumbers.Make(random, "530427", birth, sex);

            var check = IdNumbers.Check(IdType.ResidentIdCard, number, Today);

            Assert.True(check.Valid, $"{number}: {check.Error}");
            Assert.Equal(birth, check.BirthDate);
            Assert.Equal(sex, check.Sex);
        }
    }

    [Theory]
    [InlineData("530427198807150010", "5304**********0010")]
    [InlineData("E12345678", "E123*5678")]
    [InlineData("1234", "****")]
    [InlineData("", "")]
    public void Mask_KeepsFirstAndLastFour(string number, string masked) => Assert.Equal(masked, IdNumbers.Mask(number));
}
