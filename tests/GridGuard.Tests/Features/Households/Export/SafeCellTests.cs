using GridGuard.Features.Households.Export;

namespace GridGuard.Tests.Features.Households.Export;

public sealed class SafeCellTests
{
    [Theory]
    // Spreadsheets read these first characters as the start of a formula (CSV/formula injection).
    [InlineData("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0")]
    [InlineData("+86 13800000000", "'+86 13800000000")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\t=1", "'\t=1")]
    [InlineData("\r=1", "'\r=1")]
    // Ordinary text, and triggers that are not first, stay as they are.
    [InlineData("张三", "张三")]
    [InlineData("a=b", "a=b")]
    [InlineData("13800000000", "13800000000")]
    [InlineData("'already", "'already")]
    [InlineData(" =1", " =1")]
    // Nothing becomes an empty cell.
    [InlineData("", "")]
    [InlineData(null, "")]
    public void Text_Table(string? input, string expected) => Assert.Equal(expected, SafeCell.Text(input));
}
