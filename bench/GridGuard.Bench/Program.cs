using GridGuard.Bench;

// dotnet run -c Release --project bench/GridGuard.Bench -- <scenario> [--size N] [--provider sqlite|postgres]
// Each scenario ends with one line: RESULT <scenario> <metric>=<value><unit> baseline=<value><unit> ratio=<value>
var options = BenchOptions.Parse(args);
if (options is null)
{
    Console.Error.WriteLine("用法: GridGuard.Bench <scenario> [--size N] [--provider sqlite|postgres]");
    Console.Error.WriteLine("场景: import-divisions, plan-compute, task-inbox");
    return 2;
}

return options.Scenario switch
{
    ImportDivisionsScenario.Name => await ImportDivisionsScenario.RunAsync(options),
    PlanComputeScenario.Name => PlanComputeScenario.Run(options),
    TaskInboxScenario.Name => await TaskInboxScenario.RunAsync(options),
    _ => Unknown(options.Scenario),
};

static int Unknown(string scenario)
{
    Console.Error.WriteLine($"未知场景: {scenario}");
    return 2;
}
