using GridGuard.Features.Canvassing;
using GridGuard.Features.Canvassing.Coverage;
using GridGuard.Features.Canvassing.Visits;
using GridGuard.Features.Households;

using FieldErrors = GridGuard.Features.Households.FieldErrors;

namespace GridGuard.Tests.Features.Canvassing.Visits;

public sealed class VisitRulesTests
{
    private static readonly DateOnly Today = new(2026, 11, 24);

    private static (ParsedVisit Visit, List<string> Errors, List<string> Warnings) Parse(MemberInput member)
    {
        var errors = new FieldErrors();
        var warnings = new List<string>();
        var visit = VisitRules.Parse(new VisitRequest(Guid.NewGuid(), null, [member], null), Today, 14, errors, warnings);
        return (visit, errors.ToDictionary().SelectMany(e => e.Value).ToList(), warnings);
    }

    [Theory]
    [InlineData(34.0, null)] // lowest accepted
    [InlineData(43.0, null)] // highest accepted
    [InlineData(36.5, null)]
    [InlineData(33.9, "成员 1 体温：应在 34.0–43.0 之间")]
    [InlineData(43.1, "成员 1 体温：应在 34.0–43.0 之间")]
    [InlineData(50.0, "成员 1 体温：应在 34.0–43.0 之间")]
    [InlineData(37.25, "成员 1 体温：最多保留一位小数")] // °C with one decimal
    [InlineData(double.NaN, "成员 1 体温：应在 34.0–43.0 之间")] // what the page sends for unreadable text
    public void Parse_Temperature_RangeAndOneDecimal(double temperature, string? error)
    {
        var (_, errors, _) = Parse(new MemberInput(Guid.NewGuid(), "Present", Temperature: temperature));

        Assert.Equal(error is null ? [] : [error], errors);
    }

    [Fact]
    public void Parse_PresentWithoutTemperature_Refused()
    {
        Assert.Equal(["成员 1 体温：在家成员应测量体温"], Parse(new MemberInput(Guid.NewGuid(), "Present")).Errors);
    }

    [Fact]
    public void Parse_AwayMember_TemperatureIgnoredPlaceRequired()
    {
        var (visit, errors, _) = Parse(new MemberInput(Guid.NewGuid(), "Away", "  ", Temperature: 50));

        Assert.Equal(["成员 1 去向：外出成员应填写去向"], errors);
        Assert.Null(visit.Entries[0].Temperature);
    }

    [Theory]
    [InlineData(37.2, false, false)] // below the line
    [InlineData(37.3, false, true)]  // DOMAIN.md §6: ≥ 37.3 is abnormal
    [InlineData(36.5, true, true)]   // any symptom is abnormal
    public void IsFeverish_TemperatureOrSymptom(double temperature, bool cough, bool feverish)
    {
        var (visit, errors, _) = Parse(new MemberInput(Guid.NewGuid(), "Present", Temperature: temperature,
            Symptoms: cough ? ["Cough"] : null));

        Assert.Empty(errors);
        Assert.Equal(feverish, visit.Entries[0].IsFeverish);
    }

    [Theory]
    [InlineData(-3, -1, null, false)]                                    // a recent stay
    [InlineData(-20, -14, null, false)]                                  // ended on the window's first day
    [InlineData(-20, -15, null, true)]                                   // older than 14 days: warn, keep
    [InlineData(-1, -3, "成员 1 旅居 1 结束日期：不能早于开始日期", false)]
    [InlineData(-1, 1, "成员 1 旅居 1 结束日期：2026-11-25 晚于今天", false)]
    [InlineData(2, 3, "成员 1 旅居 1 开始日期：2026-11-26 晚于今天", false)]
    public void Parse_Travel_DatesCheckedOldStaysWarn(int from, int to, string? error, bool warns)
    {
        var (visit, errors, warnings) = Parse(new MemberInput(Guid.NewGuid(), "Present", Temperature: 36.5,
            Travel: [new TravelInput("昆明市", "530100", Today.AddDays(from), Today.AddDays(to))]));

        Assert.Equal(error is null ? [] : [error], errors.Take(1));
        Assert.Equal(warns, warnings.Count == 1);
        Assert.Equal(error is null ? 1 : 0, visit.Entries[0].Travel.Count);
    }

    [Theory]
    [InlineData("在家", MemberPresence.Present)]
    [InlineData("away", MemberPresence.Away)]
    [InlineData("MovedOut", MemberPresence.MovedOut)]
    public void Parse_Presence_EnglishNameOrChineseWord(string text, MemberPresence expected)
    {
        var (visit, _, _) = Parse(new MemberInput(Guid.NewGuid(), text, "昆明", 36.5));

        Assert.Equal(expected, visit.Entries[0].Presence);
    }

    [Theory]
    [InlineData("1")]       // numbers are not names
    [InlineData("Gone")]
    public void Parse_Presence_Unknown_Refused(string text)
    {
        var error = Assert.Single(Parse(new MemberInput(Guid.NewGuid(), text)).Errors);

        Assert.StartsWith($"成员 1 在家情况：“{text}”无效", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_RiskLevelForNonReturnee_Refused()
    {
        var (_, errors, _) = Parse(new MemberInput(Guid.NewGuid(), "Present", Temperature: 36.5, Flag: new FlagInput("CloseContact", "High")));

        Assert.Equal(["成员 1 风险等级：只有返乡人员需要填写风险等级"], errors);
    }

    [Fact]
    public void Parse_NewPersons_SameNumberTwice_Refused()
    {
        var number = Registry.NewIdNumber();
        var errors = new FieldErrors();
        VisitRules.Parse(new VisitRequest(Guid.NewGuid(), null, null,
        [
            new NewPersonInput("甲", "ResidentIdCard", number, Temperature: 36.5),
            new NewPersonInput("乙", null, number.ToLowerInvariant(), "12345", Temperature: 36.5),
        ]), Today, 14, errors, []);

        Assert.Equal(["新增人员 2 手机号码：应为 11 位手机号码（1 开头，第二位为 3–9）", "新增人员 2 证件号码：与新增人员 1重复"],
            errors.ToDictionary().SelectMany(e => e.Value));
    }

    /// <summary>The SQL cut-offs agree with the pure age rule on every day around birthdays, leap days included.</summary>
    [Theory]
    [InlineData(3)]
    [InlineData(15)]
    [InlineData(60)]
    [InlineData(80)]
    public void AgeCutoffs_AgreeWithAgeRule(int years)
    {
        var todays = new[] { new DateOnly(2024, 2, 28), new DateOnly(2024, 2, 29), new DateOnly(2024, 3, 1),
            new DateOnly(2027, 2, 28), new DateOnly(2027, 3, 1), new DateOnly(2028, 2, 29), Today };
        foreach (var today in todays)
        {
            var cutoff = AgeCutoffs.BornOnOrBefore(years, today);
            for (var birth = today.AddYears(-years).AddDays(-3); birth <= today.AddYears(-years).AddDays(3); birth = birth.AddDays(1))
            {
                Assert.True(birth <= cutoff == VulnerableGroups.Age(birth, today) >= years, $"{years} years, born {birth}, today {today}");
            }
        }
    }

    [Fact]
    public void AncestorOrSelfPaths_ListsEveryPrefix()
    {
        Assert.Equal(["/53/", "/53/5304/", "/53/5304/530427/"], Canvasses.AncestorOrSelfPaths("/53/5304/530427/"));
    }
}
