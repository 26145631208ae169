using System.Text;
using Microsoft.Playwright;
using QRCoder;

namespace GridGuard.BrowserTests.Infrastructure;

/// <summary>
/// A Chromium whose camera films a QR code: Chromium's fake capture device plays a Y4M file (here one still frame,
/// looped), and the page gets it from <c>getUserMedia</c> as from a phone's camera. A browser of its own, because the
/// file is given at launch.
/// </summary>
public sealed class FakeCamera : IAsyncDisposable
{
    private const int Width = 640;
    private const int Height = 480;
    private const int Scale = 8;

    private readonly string file;
    private readonly IPlaywright playwright;

    private FakeCamera(string file, IPlaywright playwright, IBrowser browser)
    {
        this.file = file;
        this.playwright = playwright;
        Browser = browser;
    }

    public IBrowser Browser { get; }

    public static async Task<FakeCamera> LaunchAsync(string qrText)
    {
        var file = Path.Combine(Path.GetTempPath(), $"gridguard-camera-{Guid.NewGuid():N}.y4m");
        await File.WriteAllBytesAsync(file, Y4m(qrText));
        var playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = BrowserLane.ChromiumPath,
            Headless = true,
            Args = [.. BrowserLane.ChromiumArgs, "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
                $"--use-file-for-fake-video-capture={file}"],
        });
        return new FakeCamera(file, playwright, browser);
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        playwright.Dispose();
        File.Delete(file);
    }

    /// <summary>One 640×480 frame (4:2:0): the QR's modules at 8 pixels each, black on white, centred, quiet zone included.</summary>
    private static byte[] Y4m(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        var matrix = data.ModuleMatrix;
        var luma = Enumerable.Repeat((byte)235, Width * Height).ToArray();
        var (left, top) = ((Width - (matrix.Count * Scale)) / 2, (Height - (matrix.Count * Scale)) / 2);
        for (var y = 0; y < matrix.Count * Scale; y++)
        {
            for (var x = 0; x < matrix.Count * Scale; x++)
            {
                if (matrix[y / Scale][x / Scale])
                {
                    luma[((top + y) * Width) + left + x] = 16;
                }
            }
        }

        var chroma = Enumerable.Repeat((byte)128, Width * Height / 2).ToArray();
        using var file = new MemoryStream();
        file.Write(Encoding.ASCII.GetBytes($"YUV4MPEG2 W{Width} H{Height} F10:1 Ip A1:1 C420jpeg\n"));
        file.Write(Encoding.ASCII.GetBytes("FRAME\n"));
        file.Write(luma);
        file.Write(chroma);
        return file.ToArray();
    }
}
