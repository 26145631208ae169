using System.Globalization;
using System.Text;
using QRCoder;

namespace GridGuard.Features.MassTesting;

/// <summary>
/// A <see cref="PersonCode"/> drawn as a QR code (inline SVG, no image request), so that a resident can show it on a phone
/// and a grid worker can print it for someone without one. One square per dark module, quiet zone included, error
/// correction level M (a cracked phone screen or a creased card still scans).
/// </summary>
public static class PersonCodeQr
{
    /// <param name="label">What a screen reader says for the image.</param>
    public static string Svg(string code, string label)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(code, QRCodeGenerator.ECCLevel.M);
        var matrix = data.ModuleMatrix;
        var size = matrix.Count;
        var path = new StringBuilder(size * size * 4);
        for (var y = 0; y < size; y++)
        {
            for (var x = 0; x < size; x++)
            {
                if (matrix[y][x])
                {
                    path.Append(CultureInfo.InvariantCulture, $"M{x} {y}h1v1h-1z");
                }
            }
        }

        return $"""<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}" shape-rendering="crispEdges" role="img" aria-label="{System.Net.WebUtility.HtmlEncode(label)}" class="qr"><rect width="{size}" height="{size}" fill="#fff"/><path d="{path}" fill="#000"/></svg>""";
    }
}
