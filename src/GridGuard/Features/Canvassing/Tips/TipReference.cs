namespace GridGuard.Features.Canvassing.Tips;

/// <summary>
/// 线索编号: the short number a tipster quotes later, made from the last 8 hex digits of the tip's id (random bits of a
/// version-7 Guid, so not guessable from the time), written as "A1B2-C3D4".
/// </summary>
public static class TipReference
{
    public const int Digits = 8;

    public static string Of(Guid tipId)
    {
        var tail = tipId.ToString("N")[^Digits..].ToUpperInvariant();
        return tail[..4] + "-" + tail[4..];
    }

    /// <summary>The lower-case hex digits of a typed reference ("a1b2 c3d4", "A1B2-C3D4"), or null when it is not one.</summary>
    public static string? Normalize(string? text)
    {
        var digits = new string((text ?? "").Where(c => c is not ('-' or ' ')).ToArray()).ToLowerInvariant();
        return digits.Length == Digits && digits.All(char.IsAsciiHexDigit) ? digits : null;
    }
}
