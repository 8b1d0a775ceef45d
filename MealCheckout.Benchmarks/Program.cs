using BenchmarkDotNet.Running;
using MealCheckout.Benchmarks;

if (args is ["seed-orders", var count, var databasePath])
{
    await SeedOrdersCommand.RunAsync(int.Parse(count, System.Globalization.CultureInfo.InvariantCulture), databasePath);
    return;
}
if (args is ["chaos", .. var chaosArgs])
{
    Environment.ExitCode = await MealCheckout.Benchmarks.Chaos.ChaosCommand.RunAsync(chaosArgs);
    return;
}
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
