using GridGuard.Features.Canvassing;

namespace GridGuard.Tests.Features.Canvassing;

public sealed class CanvassingLabelsTests
{
    [Theory]
    [InlineData("Fever", true)]
    [InlineData(" fever ", true)]
    [InlineData("Suspected,Fever", false)]
    [InlineData("2", false)]
    [InlineData("-1", false)]
    [InlineData("", false)]
    [InlineData("Unknown", false)]
    public void TryParseName_Category_AcceptsOneDefinedNameOnly(string text, bool accepted)
    {
        var ok = CanvassingLabels.TryParseName<KeyPersonCategory>(text, out var value);

        Assert.Equal(accepted, ok);
        if (accepted)
        {
            Assert.Equal(KeyPersonCategory.Fever, value);
        }
    }
}
