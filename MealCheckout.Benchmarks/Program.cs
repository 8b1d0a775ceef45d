using BenchmarkDotNet.Running;
using MealCheckout.Benchmarks;

if (args is ["seed-orders", var count, var databasePath])
{
    await SeedOrdersCommand.RunAsync(int.Parse(count, System.Globalization.CultureInfo.InvariantCulture), databasePath);
    return;
}
if (args is ["checkout-cost", .. var costArgs])
{
    MealCheckout.Benchmarks.Checkout.CheckoutCostArguments costArguments;
    try
    {
        costArguments = MealCheckout.Benchmarks.Checkout.CheckoutCostArguments.Parse(costArgs);
    }
    catch (ArgumentException refused)
    {
        Console.Error.WriteLine(refused.Message);
        Environment.ExitCode = 2;
        return;
    }
    await MealCheckout.Benchmarks.Checkout.CheckoutCostCommand.RunAsync(costArguments);
    return;
}
if (args is ["chaos", .. var chaosArgs])
{
    Environment.ExitCode = await MealCheckout.Benchmarks.Chaos.ChaosCommand.RunAsync(chaosArgs);
    return;
}
if (args is ["circuit-memory", .. var circuitArgs])
{
    // circuit-memory [circuits] [--dump folder]
    var dumpFolder = circuitArgs is [.., "--dump", var folder] ? folder : null;
    var circuitCount = circuitArgs is [var n, ..] && n != "--dump" ? int.Parse(n, System.Globalization.CultureInfo.InvariantCulture) : 100;
    await MealCheckout.Benchmarks.Circuits.CircuitMemoryCommand.RunAsync(circuitCount, dumpFolder);
    return;
}
if (args is ["reference-app", .. var referenceArgs])
{
    await MealCheckout.Benchmarks.Circuits.ReferenceServer.RunAsync(referenceArgs);
    return;
}
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
