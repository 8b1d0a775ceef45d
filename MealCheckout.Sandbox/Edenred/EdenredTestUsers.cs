namespace MealCheckout.Sandbox.Edenred;

/// <summary>An Edenred account of the sandbox. Balances and limits are in cents.</summary>
public sealed record EdenredTestUser(
    string Username,
    string Password,
    string MaskedPan,
    long BalanceCents,
    long? DailyLimitCents = null,
    long SpentTodayCents = 0,
    bool AllowedOnSundaysAndHolidays = false,
    bool Active = true,
    bool CardBlocked = false);

/// <summary>The documented sandbox accounts (README / docs/sandbox.md). All share the seed's password.</summary>
public static class EdenredTestUsers
{
    public const string Password = "Edenred2021*";

    public static IReadOnlyList<EdenredTestUser> All { get; } =
    [
        new("lerouxpablo@yopmail.com", Password, "4475", BalanceCents: 10_000),
        new("low.balance@yopmail.com", Password, "5121", BalanceCents: 700),
        new("spent.today@yopmail.com", Password, "6230", BalanceCents: 5_000, SpentTodayCents: 1_200),
        new("holiday.allowed@yopmail.com", Password, "7342", BalanceCents: 10_000, AllowedOnSundaysAndHolidays: true),
        new("inactive@yopmail.com", Password, "8453", BalanceCents: 10_000, Active: false),
        new("blocked.card@yopmail.com", Password, "9564", BalanceCents: 10_000, CardBlocked: true),
    ];
}
