namespace GridGuard.Platform.Web;

/// <summary>One step of a breadcrumb; the last one has no link.</summary>
public sealed record Crumb(string Label, string? Href);
