namespace GridGuard.Features.MassTesting;

/// <summary>
/// A person's code (个人码) as the sampler scans it: a stable per-person token from the registry, "GG" + the person's id
/// in 32 hex digits. It identifies, it does not authorise; the signed pass (电子通行证) of the lockdown issue replaces it.
/// </summary>
public static class PersonCode
{
    public const string Prefix = "GG";

    public static string Of(Guid personId) => Prefix + personId.ToString("N");

    public static bool TryParse(string? code, out Guid personId)
    {
        personId = Guid.Empty;
        var text = code?.Trim();
        return text is { Length: 34 }
            && text.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase)
            && Guid.TryParseExact(text[2..], "N", out personId);
    }
}
