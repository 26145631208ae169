namespace GridGuard.Features.Canvassing;

/// <summary>County settings of canvassing (section "Canvassing").</summary>
public sealed class CanvassingOptions
{
    /// <summary>Travel history asked for at a visit, in days (DOMAIN.md §4: 14 by default). Older stays only warn.</summary>
    public int TravelHistoryDays { get; set; } = 14;
}
