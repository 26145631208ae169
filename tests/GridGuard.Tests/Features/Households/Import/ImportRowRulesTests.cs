using GridGuard.Features.Households;
using GridGuard.Features.Households.Import;

namespace GridGuard.Tests.Features.Households.Import;

public sealed class ImportRowRulesTests
{
    private static readonly DateOnly Today = new(2026, 11, 24);

    private static ImportRow Parse(Action<RawCell[]> fill)
    {
        var cells = new RawCell[ImportColumns.All.Count];
        cells[ImportColumns.HouseholdKey.Index] = new("1");
        cells[ImportColumns.Name.Index] = new("张三");
        fill(cells);
        return ImportRowRules.Parse(new ImportRecord(7, cells, null), Today);
    }

    [Theory]
    [InlineData("户籍", Residency.Registered)]
    [InlineData("常住人口", Residency.Permanent)]
    [InlineData(" 流动 ", Residency.Floating)]
    [InlineData("租户", Residency.Tenant)]
    [InlineData("Tenant", Residency.Tenant)] // enum names, for files made by other systems
    [InlineData("外来", null)]
    [InlineData("1", null)] // a number is not an enum value here
    public void ParseResidency_Words_MapToResidency(string word, Residency? expected) =>
        Assert.Equal(expected, ImportRowRules.ParseResidency(word));

    [Theory]
    [InlineData("慢性病、残疾", "ChronicDisease,Disabled", "")]
    [InlineData("孕产妇,孕妇", "Pregnant", "")] // two words for one group: stored once
    [InlineData("半自理/不能自理；独居老人", "SemiDependent,LivingAlone", "")] // "/" belongs to the label, ";" separates
    [InlineData("老人、儿童", "", "")] // age groups are derived from the birth date: accepted, not stored
    [InlineData("慢性病，高血压", "ChronicDisease", "高血压")]
    public void ParseGroups_Words_SplitAndMap(string text, string groups, string unknown)
    {
        var (parsed, bad) = ImportRowRules.ParseGroups(text);
        Assert.Equal(groups, string.Join(",", parsed));
        Assert.Equal(unknown, string.Join(",", bad));
    }

    [Theory]
    [InlineData("13812345678", true)]
    [InlineData("19912345678", true)]
    [InlineData("12812345678", false)] // second digit must be 3–9
    [InlineData("1381234567", false)]
    [InlineData("138123456789", false)]
    [InlineData("0871-1234567", false)] // a landline is not a mobile
    public void IsMobile_Numbers(string phone, bool expected) => Assert.Equal(expected, ImportRowRules.IsMobile(phone));

    [Fact]
    public void Parse_PhoneWithSpacesAndDashes_IsNormalised()
    {
        var row = Parse(c => c[ImportColumns.Phone.Index] = new("138-1234 5678"));
        Assert.True(row.IsGood);
        Assert.Equal("13812345678", row.Phone);
    }

    [Fact]
    public void Parse_FifteenDigitNumber_IsConvertedAndGivesBirthAndSex()
    {
        var row = Parse(c => c[ImportColumns.IdNumber.Index] = new("110105491231002"));
        Assert.Equal(("11010519491231002X", new DateOnly(1949, 12, 31), Sex.Female), (row.IdNumber, row.BirthDate, row.Sex));
    }

    [Fact]
    public void Parse_FutureBirthDate_IsRowError()
    {
        var body = "53042720270101123";
        var row = Parse(c => c[ImportColumns.IdNumber.Index] = new(body + IdNumbers.CheckChar(body)));
        var error = Assert.Single(row.Errors);
        Assert.Equal((7, "证件号码", "证件号码：出生日期 2027-01-01 晚于今天"), (error.Row, error.Column, error.Message));
    }

    [Fact]
    public void Parse_PassportNumber_IsNotChecksummed()
    {
        var row = Parse(c =>
        {
            c[ImportColumns.IdType.Index] = new("护照");
            c[ImportColumns.IdNumber.Index] = new("e12345678");
        });
        Assert.True(row.IsGood);
        Assert.Equal((IdType.Passport, "E12345678", (DateOnly?)null), (row.IdType, row.IdNumber, row.BirthDate));
    }

    [Fact]
    public void Parse_NameTooLongAndBadRentalWord_AreBothReported()
    {
        var row = Parse(c =>
        {
            c[ImportColumns.Name.Index] = new(new string('名', 51));
            c[ImportColumns.IsRental.Index] = new("也许");
        });
        Assert.Equal(new[] { "姓名", "是否出租" }.Order(StringComparer.Ordinal), row.Errors.Select(e => e.Column).Order(StringComparer.Ordinal));
    }
}
