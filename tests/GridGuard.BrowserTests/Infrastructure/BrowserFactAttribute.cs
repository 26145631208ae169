namespace GridGuard.BrowserTests.Infrastructure;

/// <summary>A browser journey: skipped unless GRIDGUARD_BROWSER is set, and then it must run.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        if (!BrowserLane.Enabled)
        {
            Skip = $"Browser lane is off: set {BrowserLane.Variable}=1 to run it.";
        }
    }
}
