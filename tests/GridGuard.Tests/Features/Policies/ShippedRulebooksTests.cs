using GridGuard.Features.Policies;

using static GridGuard.Tests.Features.Policies.PolicyKit;

using FieldErrors = GridGuard.Features.Households.FieldErrors;

namespace GridGuard.Tests.Features.Policies;

public sealed class ShippedRulebooksTests
{
    [Fact]
    public void Load_ThreeShippedFiles_AllValidWithNamesVersionsAndDates()
    {
        var files = ShippedRulebooks.Load();

        Assert.Equal(["2020-02-nanchang.json", "2021-01-chunjie.json", "2022-11-xinping.json"], files.Select(f => f.FileName));
        Assert.All(files, f => Assert.Empty(f.Errors));
        Assert.Equal(
            [(Nanchang, 1, "2020-02-22"), (Chunjie, 1, "2021-01-20"), (Xinping, 1, "2022-11-25")],
            files.Select(f => (f.Rulebook!.Name, f.Rulebook.Version, T(f.Rulebook.EffectiveDate))));
    }

    [Theory]
    [InlineData(Xinping, "CloseContact Spillover")]
    [InlineData(Chunjie, "Returnee:High Returnee:Medium Returnee:Low CloseContact InboundTraveler")]
    [InlineData(Nanchang, "FromEpidemicArea CloseContact")]
    public void Load_ShippedRulebook_HasExactlyTheRulesOfTheTable(string name, string ids)
    {
        Assert.Equal(ids, string.Join(" ", Named(name).Rules.Select(r => r.Id)));
        Assert.All(Named(name).Rules, r => Assert.False(string.IsNullOrEmpty(r.Note)));
    }

    [Fact]
    public void WriteThenRead_ShippedRulebooks_SameRulebookEnumsAsNamesChineseReadable()
    {
        foreach (var rulebook in Shipped)
        {
            var json = RulebookJson.Write(rulebook);
            var errors = new FieldErrors();

            var again = RulebookJson.Read(json, errors);

            Assert.False(errors.Any);
            Assert.Equal(json, RulebookJson.Write(again!));
            Assert.Contains(rulebook.Name, json, StringComparison.Ordinal);
        }

        var xinping = RulebookJson.Write(Named(Xinping));
        Assert.Contains("\"kind\": \"CentralQuarantine\"", xinping, StringComparison.Ordinal);
        Assert.Contains("\"checksPerDay\": 2", xinping, StringComparison.Ordinal);
        Assert.DoesNotContain("\"level\"", xinping, StringComparison.Ordinal); // any level: left out
    }
}
