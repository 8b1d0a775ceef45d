extern alias Benchmarks;

using Benchmarks::MealCheckout.Benchmarks.Checkout;

namespace MealCheckout.Tests.Unit.Benchmarks;

public sealed class CheckoutCostArgumentsTests
{
    [Fact]
    public void No_arguments_measure_100_checkouts_on_sqlite_with_the_apps_own_floor()
    {
        var arguments = CheckoutCostArguments.Parse([]);

        Assert.Equal(100, arguments.Count);
        Assert.Null(arguments.PostgreSql);
        Assert.Equal(new RawWriteSettings(OneWriterAtATime: false, NoSyncAtCommit: false), arguments.Floor);
    }

    [Fact]
    public void A_postgresql_connection_string_is_taken_whole_wherever_it_stands()
    {
        var arguments = CheckoutCostArguments.Parse(["--floor-one-writer", "--postgresql", "Host=127.0.0.1;Port=5433;Username=mealcheckout", "40"]);

        Assert.Equal(40, arguments.Count);
        Assert.Equal("Host=127.0.0.1;Port=5433;Username=mealcheckout", arguments.PostgreSql);
        Assert.Equal(new RawWriteSettings(OneWriterAtATime: true, NoSyncAtCommit: false), arguments.Floor);
    }

    [Fact]
    public void The_floor_settings_apply_on_either_engine()
    {
        var arguments = CheckoutCostArguments.Parse(["20", "--floor-synchronous-normal"]);

        Assert.Equal(20, arguments.Count);
        Assert.Equal(new RawWriteSettings(OneWriterAtATime: false, NoSyncAtCommit: true), arguments.Floor);
    }

    [Theory]
    [InlineData("--postgresql")]
    [InlineData("--postgresql", "--floor-one-writer")]
    [InlineData("--postgres", "Host=127.0.0.1")]
    [InlineData("100", "200")]
    [InlineData("0")]
    public void A_missing_connection_string_or_an_unknown_argument_is_refused(params string[] args) =>
        Assert.Throws<ArgumentException>(() => CheckoutCostArguments.Parse(args));
}
