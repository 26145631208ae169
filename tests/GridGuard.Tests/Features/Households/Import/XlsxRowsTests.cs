using System.IO.Compression;
using System.Text;
using GridGuard.Features.Households.Import;

namespace GridGuard.Tests.Features.Households.Import;

/// <summary>
/// The xlsx reader (ADR 14) on packages written by hand as Excel, WPS and other writers do: shared strings with rich
/// text and phonetic runs, inline strings, booleans, numbers in date styles, formulas, merged ranges and gaps.
/// </summary>
public sealed class XlsxRowsTests
{
    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

    [Fact]
    public void Read_SharedStrings_JoinsRichTextRunsAndLeavesOutPhoneticGuides()
    {
        var rows = Read(
            """<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>""",
            sharedStrings: """<si><t>张三</t></si><si><r><t>李</t></r><r><rPr><b/></rPr><t>四</t></r><rPh sb="0" eb="1"><t>リ</t></rPh></si>""");

        Assert.Equal(["张三", "李四"], rows[0].Cells.Select(c => c.Text));
    }

    [Fact]
    public void Read_InlineStringsBooleansAndErrors_AreText()
    {
        var rows = Read("""<row r="1"><c r="A1" t="inlineStr"><is><t xml:space="preserve"> 王五 </t></is></c><c r="B1" t="b"><v>1</v></c><c r="C1" t="b"><v>0</v></c><c r="D1" t="e"><v>#N/A</v></c></row>""");

        Assert.Equal([" 王五 ", "是", "否", "#N/A"], rows[0].Cells.Select(c => c.Text));
        Assert.All(rows[0].Cells, c => Assert.False(c.IsNumber));
    }

    [Fact]
    public void Read_NumberInADateStyle_IsAnIsoDate_AndOtherNumbersKeepTheirDigits()
    {
        // Style 1: built-in 14 (m/d/yyyy); style 2: custom "yyyy年m月d日"; style 3: custom "0.00" (not a date).
        var rows = Read(
            """<row r="1"><c r="A1" s="1"><v>36526</v></c><c r="B1" s="2"><v>44927</v></c><c r="C1" s="3"><v>12.5</v></c><c r="D1"><v>530427001001</v></c><c r="E1"><v>5.30427198001011E+17</v></c></row>""",
            styles: """<numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/><numFmt numFmtId="165" formatCode="0.00"/></numFmts><cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs><cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="165"/></cellXfs>""");

        var cells = rows[0].Cells;
        Assert.Equal("2000-01-01", cells[0].Text);
        Assert.Equal("2023-01-01", cells[1].Text);
        Assert.Equal(("12.5", true), (cells[2].Text, cells[2].IsNumber));
        Assert.Equal(("530427001001", true), (cells[3].Text, cells[3].IsNumber));
        Assert.True(cells[4].IsNumber); // an 18-digit ID typed as a number: its last digits are gone, the importer refuses it
    }

    [Fact]
    public void Read_FormulaCell_IsMarkedAndKeepsItsCachedValue()
    {
        var rows = Read("""<row r="1"><c r="A1" t="str"><f>CONCAT("a","b")</f><v>ab</v></c><c r="B1"><f>1+1</f><v>2</v></c><c r="C1" t="inlineStr"><is><t>=1+1</t></is></c></row>""");

        Assert.Equal([true, true, false], rows[0].Cells.Select(c => c.IsFormula));
        Assert.Equal("ab", rows[0].Cells[0].Text);
        Assert.Equal("=1+1", rows[0].Cells[2].Text); // text that looks like a formula: ImportCells refuses it
    }

    [Fact]
    public void Read_MergedRange_GivesEveryCellTheTopLeftValue()
    {
        var rows = Read(
            """<row r="1"><c r="A1" t="inlineStr"><is><t>H1</t></is></c><c r="B1" t="inlineStr"><is><t>解放路1号</t></is></c><c r="D1" t="inlineStr"><is><t>甲</t></is></c></row><row r="2"><c r="D2" t="inlineStr"><is><t>乙</t></is></c></row><row r="3"><c r="D3" t="inlineStr"><is><t>丙</t></is></c></row><row r="4"><c r="A4" t="inlineStr"><is><t>H2</t></is></c></row>""",
            after: """<mergeCells count="2"><mergeCell ref="A1:A3"/><mergeCell ref='B1:C3'/></mergeCells>""");

        Assert.Equal(["H1", "解放路1号", "解放路1号", "甲"], rows[0].Cells.Select(c => c.Text));
        Assert.Equal(["H1", "解放路1号", "解放路1号", "乙"], rows[1].Cells.Select(c => c.Text));
        Assert.Equal(["H1", "解放路1号", "解放路1号", "丙"], rows[2].Cells.Select(c => c.Text));
        Assert.Equal(["H2"], rows[3].Cells.Select(c => c.Text));
    }

    [Fact]
    public void Read_GapsInRowsAndCells_KeepTheSpreadsheetsNumbersAndColumns()
    {
        var rows = Read("""<row r="2"><c r="C2" t="inlineStr"><is><t>c</t></is></c></row><row r="5"><c t="inlineStr"><is><t>a</t></is></c><c t="inlineStr"><is><t>b</t></is></c></row>""");

        Assert.Equal([1, 2, 3, 4, 5], rows.Select(r => r.Number));
        Assert.Equal([null, null, "c"], rows[1].Cells.Select(c => c.Text));
        Assert.True(rows[2].IsBlank);
        Assert.Equal(["a", "b"], rows[4].Cells.Select(c => c.Text));
    }

    [Fact]
    public void Read_CellReferenceWithoutLetters_IsTakenAsTheNextCell()
    {
        var rows = Read("""<row r="1"><c r="A1" t="str"><v>a</v></c><c r="7" t="str"><v>b</v></c></row>""");

        Assert.Equal(["a", "b"], rows[0].Cells.Select(c => c.Text));
    }

    [Fact]
    public void Read_PrefixedNamespace_IsReadLikeTheDefaultOne()
    {
        var rows = Read("""<x:row r="1"><x:c r="B1" t="str"><x:v>前缀</x:v></x:c></x:row>""", prefix: "x");

        Assert.Equal([null, "前缀"], rows[0].Cells.Select(c => c.Text));
    }

    [Fact]
    public void Read_SharedStringOutOfRange_Throws()
    {
        Assert.Throws<InvalidDataException>(() => Read("""<row r="1"><c r="A1" t="s"><v>7</v></c></row>""", sharedStrings: "<si><t>a</t></si>"));
    }

    [Theory]
    [InlineData("yyyy-mm-dd", true)]
    [InlineData("[$-F800]dddd, mmmm dd, yyyy", true)]
    [InlineData("h:mm:ss", true)]
    [InlineData("0.00\"天\"", false)]
    [InlineData("[Red]#,##0", false)]
    [InlineData("General", false)]
    [InlineData("0.00E+00", false)]
    [InlineData("@", false)]
    public void IsDateFormat_ReadsTheFormatCode(string code, bool date) => Assert.Equal(date, XlsxParts.IsDateFormat(code));

    private static List<RawRow> Read(string sheetData, string? sharedStrings = null, string? styles = null, string after = "", string? prefix = null)
    {
        using var stream = new MemoryStream(Package(sheetData, sharedStrings, styles, after, prefix));
        return XlsxRows.Read(stream).ToList();
    }

    private static byte[] Package(string sheetData, string? sharedStrings, string? styles, string after, string? prefix)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            void Part(string path, string xml)
            {
                using var w = new StreamWriter(zip.CreateEntry(path).Open(), new UTF8Encoding(false));
                w.Write(xml);
            }

            Part("xl/workbook.xml", $"""<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{Main}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="名单" sheetId="1" r:id="rId1"/></sheets></workbook>""");
            Part("xl/_rels/workbook.xml.rels", """<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>""");
            if (sharedStrings is not null)
            {
                Part("xl/sharedStrings.xml", $"""<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{Main}">{sharedStrings}</sst>""");
            }

            if (styles is not null)
            {
                Part("xl/styles.xml", $"""<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="{Main}">{styles}</styleSheet>""");
            }

            var (open, p) = prefix is null ? ($"<worksheet xmlns=\"{Main}\">", "") : ($"<{prefix}:worksheet xmlns:{prefix}=\"{Main}\">", prefix + ":");
            Part("xl/worksheets/sheet1.xml", $"""<?xml version="1.0" encoding="UTF-8"?>{open}<{p}sheetData>{sheetData}</{p}sheetData>{after}</{p}worksheet>""");
        }

        return buffer.ToArray();
    }
}
