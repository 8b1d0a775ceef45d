using System.Security.Cryptography;

namespace MealCheckout.Core.Orders;

/// <summary>
/// The number a diner reads on the receipt and staff type in the search box: the Paris day and
/// six random characters from an alphabet without look-alikes (no 0/O, 1/I/L), e.g. "MC-261123-7KQ4XZ".
/// </summary>
public static class OrderNumber
{
    private const string Alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

    public static string New(DateOnly parisDay)
    {
        Span<char> suffix = stackalloc char[6];
        for (var i = 0; i < suffix.Length; i++)
        {
            suffix[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        }
        return $"MC-{parisDay:yyMMdd}-{suffix}";
    }
}
