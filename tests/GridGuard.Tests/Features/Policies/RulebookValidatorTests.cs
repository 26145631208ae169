using GridGuard.Features.Canvassing;
using GridGuard.Features.Policies;

using FieldErrors = GridGuard.Features.Households.FieldErrors;

namespace GridGuard.Tests.Features.Policies;

/// <summary>Bad rulebooks are refused with Chinese messages that name the rule, the phase and the field.</summary>
public sealed class RulebookValidatorTests
{
    private const string Home7 = "{'category':'Spillover','phases':[{'kind':'HomeQuarantine','days':7,'testDays':[1,3]}]}";

    /// <summary>A valid header around <paramref name="rules"/> (JSON with ' for ").</summary>
    private static string Book(string rules, string header = "'name':'测试规则','version':1,'effectiveDate':'2021-01-20'") =>
        ("{" + header + ",'rules':[" + rules + "]}").Replace('\'', '"');

    private static (Rulebook? Rulebook, Dictionary<string, string[]> Errors) Read(string json)
    {
        var errors = new FieldErrors();
        var rulebook = RulebookJson.Read(json, errors);
        return (rulebook, errors.ToDictionary());
    }

    [Fact]
    public void Read_TestDayOutsideItsPhase_NamesRulePhaseAndDays()
    {
        var json = Book(Home7 + ","
            + "{'category':'CloseContact','phases':[{'kind':'CentralQuarantine','days':5,'testDays':[1]}]},"
            + "{'category':'InboundTraveler','phases':[{'kind':'CentralQuarantine','days':14},{'kind':'HomeHealthMonitoring','days':7,'testDays':[1,9]}]}");

        var (rulebook, errors) = Read(json);

        Assert.Null(rulebook);
        Assert.Equal(["规则 3 第 2 阶段检测日：第 9 天超出阶段天数 7"], errors["rules[2].phases[1].testDays"]);
        Assert.Single(errors);
    }

    [Theory]
    [InlineData("{'category':'Tourist','phases':[{'kind':'HomeQuarantine','days':7}]}", "rules[0].category",
        "规则 1 类别：无法识别“Tourist”（应为 FromEpidemicArea、Suspected、Fever、CloseContact、SecondaryContact、Spillover、Returnee、InboundTraveler、ColdChainWorker、WorkStudyReturnee、Outbound）")]
    [InlineData("{'category':'3','phases':[{'kind':'HomeQuarantine','days':7}]}", "rules[0].category",
        "规则 1 类别：无法识别“3”（应为 FromEpidemicArea、Suspected、Fever、CloseContact、SecondaryContact、Spillover、Returnee、InboundTraveler、ColdChainWorker、WorkStudyReturnee、Outbound）")]
    [InlineData("{'phases':[{'kind':'HomeQuarantine','days':7}]}", "rules[0].category", "规则 1 类别：不能为空")]
    [InlineData("{'category':'Returnee','level':'Severe','phases':[{'kind':'HomeQuarantine','days':7}]}", "rules[0].level",
        "规则 1 风险等级：无法识别“Severe”（应为 High、Medium、Low，留空表示任意等级）")]
    [InlineData("{'category':'Spillover','phases':[{'kind':'HomeQuarantine','days':0}]}", "rules[0].phases[0].days", "规则 1 第 1 阶段天数：应大于 0")]
    [InlineData("{'category':'Spillover','phases':[{'kind':'HomeQuarantine','days':-3}]}", "rules[0].phases[0].days", "规则 1 第 1 阶段天数：应大于 0")]
    [InlineData("{'category':'Spillover','phases':[{'kind':'HomeQuarantine','days':140}]}", "rules[0].phases[0].days", "规则 1 第 1 阶段天数：不能超过 90 天")]
    [InlineData("{'category':'Spillover','phases':[{'kind':'HomeQuarantine'}]}", "rules[0].phases[0].days", "规则 1 第 1 阶段天数：不能为空")]
    [InlineData("{'category':'Spillover','phases':[{'kind':'Hotel','days':7}]}", "rules[0].phases[0].kind",
        "规则 1 第 1 阶段类型：无法识别“Hotel”（应为 CentralQuarantine、HomeQuarantine、HomeHealthMonitoring）")]
    [InlineData("{'category':'Spillover','phases':[{'kind':'HomeQuarantine','days':7,'checksPerDay':3}]}", "rules[0].phases[0].checksPerDay",
        "规则 1 第 1 阶段每日健康监测次数：应为 1 或 2")]
    [InlineData("{'category':'Spillover','phases':[{'kind':'HomeQuarantine','days':7,'testDays':[0,3]}]}", "rules[0].phases[0].testDays",
        "规则 1 第 1 阶段检测日：第 0 天无效，应从第 1 天算起")]
    [InlineData("{'category':'Spillover','phases':[{'kind':'HomeQuarantine','days':7,'testDays':[3,1,3]}]}", "rules[0].phases[0].testDays",
        "规则 1 第 1 阶段检测日：第 3 天重复")]
    [InlineData("{'category':'Spillover','phases':[{'kind':'HomeQuarantine','days':7}],'oneOff':{}}", "rules[0]",
        "规则 1：应规定阶段（phases）或一次性检测要求（oneOff），二者选一")]
    [InlineData("{'category':'Spillover','phases':[]}", "rules[0]", "规则 1：应规定阶段（phases）或一次性检测要求（oneOff），二者选一")]
    [InlineData("{'category':'Returnee','level':'Low','oneOff':{'negativeTestWithinDays':0}}", "rules[0].oneOff.negativeTestWithinDays",
        "规则 1 一次性检测要求的抵达前天数：应在 1–30 之间")]
    [InlineData("null", "rules[0]", "规则 1：不能为空")]
    [InlineData("{'category':'Spillover','phases':[null]}", "rules[0].phases[0]", "规则 1 第 1 阶段：不能为空")]
    [InlineData(Home7 + "," + Home7, "rules[1]", "规则 2：与规则 1 的类别和风险等级相同（Spillover，任意等级）")]
    [InlineData("{'category':'Returnee','level':'High','oneOff':{}},{'category':'Returnee','level':'high','oneOff':{}}", "rules[1]",
        "规则 2：与规则 1 的类别和风险等级相同（Returnee，High）")]
    public void Read_BadRule_OneChineseErrorOnItsField(string rules, string key, string message)
    {
        var (rulebook, errors) = Read(Book(rules));

        Assert.Null(rulebook);
        Assert.Equal([key], errors.Keys);
        Assert.Equal([message], errors[key]);
    }

    [Theory]
    [InlineData("'name':' ','version':1,'effectiveDate':'2021-01-20'", "name", "名称：不能为空")]
    [InlineData("'name':'测试','version':0,'effectiveDate':'2021-01-20'", "version", "版本：应为正整数")]
    [InlineData("'name':'测试','effectiveDate':'2021-01-20'", "version", "版本：不能为空")]
    [InlineData("'name':'测试','version':1,'effectiveDate':'2021-13-01'", "effectiveDate", "生效日期：“2021-13-01”不是有效日期（应为 yyyy-MM-dd）")]
    [InlineData("'name':'测试','version':1", "effectiveDate", "生效日期：不能为空")]
    public void Read_BadHeader_ChineseErrorOnItsField(string header, string key, string message)
    {
        var (rulebook, errors) = Read(Book(Home7, header));

        Assert.Null(rulebook);
        Assert.Equal([message], errors[key]);
        Assert.Single(errors);
    }

    [Fact]
    public void Read_NoRules_Refused()
    {
        Assert.Equal(["规则：至少需要一条规则"], Read(Book("")).Errors["rules"]);
    }

    [Theory]
    [InlineData("{'category':'Spillover','phases':[{'kind':'HomeQuarantine','days':7,'tesDays':[1]}]}", "JSON：第 1 行 $.rules[0].phases[0].tesDays 无法读取（格式错误、未知字段或类型不符）")]
    [InlineData("{'category':'Spillover','phases':[{'kind':'HomeQuarantine','days':'seven'}]}", "JSON：第 1 行 $.rules[0].phases[0].days 无法读取（格式错误、未知字段或类型不符）")]
    public void Read_UnknownFieldOrWrongType_RefusedWithPath(string rules, string message)
    {
        var (rulebook, errors) = Read(Book(rules));

        Assert.Null(rulebook);
        Assert.Equal([message], errors["json"]);
    }

    [Fact]
    public void Read_SeveralMistakes_AllReported()
    {
        var json = Book("{'category':'Nobody','phases':[{'kind':'HomeQuarantine','days':0,'testDays':[2]}]}", "'name':'','version':1,'effectiveDate':'2021-01-20'");

        var (_, errors) = Read(json);

        Assert.Equal(["name", "rules[0].category", "rules[0].phases[0].days"], errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Read_DefaultsApplied_ChecksPerDayByKindAndSevenDaysForOneOff()
    {
        var json = Book("{'category':'InboundTraveler','level':'High','phases':[{'kind':'CentralQuarantine','days':14,'testDays':[14,1]},{'kind':'HomeHealthMonitoring','days':7}]},"
            + "{'category':'Returnee','level':'Low','oneOff':{}}");

        var (rulebook, errors) = Read(json);

        Assert.Empty(errors);
        var phased = rulebook!.Rules[0];
        Assert.Equal("InboundTraveler:High", phased.Id);
        Assert.Equal([2, 1], phased.Phases.Select(p => p.ChecksPerDay));
        Assert.Equal([1, 14], phased.Phases[0].TestDays); // sorted
        Assert.Equal(7, rulebook.Rules[1].OneOff?.NegativeTestWithinDays);
        Assert.Equal(KeyPersonCategory.Returnee, rulebook.Rules[1].Category);
    }
}
