using System.Globalization;
using System.Text.RegularExpressions;
using GridGuard.Features.MassTesting;
using ZXing;
using ZXing.Common;
using ZXing.QrCode;

namespace GridGuard.Tests.Features.MassTesting;

/// <summary>The person-code QR as drawn (the SVG's own squares, nothing added) is read back by a real decoder (ZXing).</summary>
public sealed partial class PersonCodeQrTests
{
    [Fact]
    public void PersonCodeQr_TheDrawnSvg_DecodesToThePersonCode()
    {
        var code = PersonCode.Of(Guid.NewGuid());

        var svg = PersonCodeQr.Svg(code, "张三 的个人码");

        Assert.Equal(code, Decode(svg));
        Assert.Contains("aria-label=\"张三 的个人码\"", svg, StringComparison.Ordinal);
    }

    [Fact]
    public void PersonCodeQr_Label_IsEscaped()
    {
        var svg = PersonCodeQr.Svg(PersonCode.Of(Guid.NewGuid()), "<script>\"");

        Assert.DoesNotContain("<script>", svg, StringComparison.Ordinal);
    }

    /// <summary>Rasterises the SVG's squares at 4 pixels a module (white where none is drawn) and decodes it.</summary>
    private static string? Decode(string svg)
    {
        var size = int.Parse(ViewBox().Match(svg).Groups[1].Value, CultureInfo.InvariantCulture);
        const int Scale = 4;
        var width = size * Scale;
        var pixels = Enumerable.Repeat((byte)255, width * width).ToArray();
        foreach (Match m in Module().Matches(svg))
        {
            var (x, y) = (int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture));
            for (var dy = 0; dy < Scale; dy++)
            {
                Array.Fill(pixels, (byte)0, ((y * Scale) + dy) * width + (x * Scale), Scale);
            }
        }

        var source = new RGBLuminanceSource(pixels, width, width, RGBLuminanceSource.BitmapFormat.Gray8);
        return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source)))?.Text;
    }

    [GeneratedRegex("viewBox=\"0 0 (\\d+) \\1\"")]
    private static partial Regex ViewBox();

    [GeneratedRegex("M(\\d+) (\\d+)h1v1h-1z")]
    private static partial Regex Module();
}
