namespace GridGuard.Bench;

/// <summary>
/// dotnet run -c Release --project bench/GridGuard.Bench -- &lt;scenario&gt; [--size N] [--provider sqlite|postgres] [--format csv|xlsx]
/// Each scenario ends with one line: RESULT &lt;scenario&gt; &lt;metric&gt;=&lt;value&gt;&lt;unit&gt; baseline=&lt;value&gt;&lt;unit&gt; ratio=&lt;value&gt;
/// (not a top-level program: the app's own <c>Program</c> is the entry point the registry scenarios host).
/// </summary>
public static class BenchMain
{
    public static async Task<int> Main(string[] args)
    {
        var options = BenchOptions.Parse(args);
        if (options is null)
        {
            Console.Error.WriteLine("用法: GridGuard.Bench <scenario> [--size N] [--provider sqlite|postgres] [--format csv|xlsx]");
            Console.Error.WriteLine("场景: import-divisions, import-persons, directory-search, coverage-rollup, export-roster, plan-compute, task-inbox, policy-diff, results-apply, scan-batch, scan-single, coverage-live, overload");
            return 2;
        }

        return options.Scenario switch
        {
            ImportDivisionsScenario.Name => await ImportDivisionsScenario.RunAsync(options),
            ImportPersonsScenario.Name => await ImportPersonsScenario.RunAsync(options),
            DirectorySearchScenario.Name => await DirectorySearchScenario.RunAsync(options),
            CoverageRollupScenario.Name => await CoverageRollupScenario.RunAsync(options),
            ExportRosterScenario.Name => await ExportRosterScenario.RunAsync(options),
            PlanComputeScenario.Name => PlanComputeScenario.Run(options),
            TaskInboxScenario.Name => await TaskInboxScenario.RunAsync(options),
            PolicyDiffScenario.Name => await PolicyDiffScenario.RunAsync(options),
            ResultsApplyScenario.Name => await ResultsApplyScenario.RunAsync(options),
            ScanBatchScenario.Name => await ScanBatchScenario.RunAsync(options),
            ScanSingleScenario.Name => await ScanSingleScenario.RunAsync(options),
            CoverageLiveScenario.Name => await CoverageLiveScenario.RunAsync(options),
            OverloadScenario.Name => await OverloadScenario.RunAsync(options),
            _ => Unknown(options.Scenario),
        };
    }

    private static int Unknown(string scenario)
    {
        Console.Error.WriteLine($"未知场景: {scenario}");
        return 2;
    }
}
