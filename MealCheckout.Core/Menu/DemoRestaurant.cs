using System.Security.Cryptography;
using System.Text;

namespace MealCheckout.Core.Menu;

/// <summary>
/// "Le Petit Comptoir", the restaurant a fresh install shows: a Lyon bistro whose menu mixes
/// voucher-eligible dishes and soft drinks with wine and beer that must go on a card. Ids are
/// derived from names so a diner's basket survives a restart of a demo install.
/// </summary>
public static class DemoRestaurant
{
    public const string Slug = "le-petit-comptoir";

    /// <summary>Every issuer accepted, with the merchant IDs the sandbox knows (Edenred's is its MID).</summary>
    public static IReadOnlyList<Restaurants.RestaurantIssuer> Issuers =>
    [
        new() { RestaurantId = Restaurant.Id, Issuer = VoucherIssuer.Edenred, Accepted = true, MerchantId = "1999224" },
        new() { RestaurantId = Restaurant.Id, Issuer = VoucherIssuer.Bimpli, Accepted = true, MerchantId = "DEMO-BIMPLI-0001" },
        new() { RestaurantId = Restaurant.Id, Issuer = VoucherIssuer.Pluxee, Accepted = true, MerchantId = "DEMO-PLUXEE-0001" },
        new() { RestaurantId = Restaurant.Id, Issuer = VoucherIssuer.UpDejeuner, Accepted = true, MerchantId = "DEMO-UP-0001" },
        new() { RestaurantId = Restaurant.Id, Issuer = VoucherIssuer.Swile, Accepted = true, MerchantId = "DEMO-SWILE-0001" },
    ];

    public static readonly Restaurant Restaurant = new()
    {
        Id = IdFor("restaurant"),
        Slug = Slug,
        Name = "Le Petit Comptoir",
        City = "Lyon",
        StreetAddress = "12 rue Mercière",
        PostalCode = "69002",
        Siret = "84215730700013", // made up, but with a valid Luhn key as INSEE numbers carry
        DeliveryFee = Money.FromCents(290),
    };

    public static IReadOnlyList<MenuCategory> Categories { get; } =
    [
        Category("entrees", "Entrées", "Starters", 0),
        Category("plats", "Plats", "Mains", 1),
        Category("desserts", "Desserts", "Desserts", 2),
        Category("boissons", "Boissons", "Drinks", 3),
    ];

    public static IReadOnlyList<MenuItem> Items { get; } =
    [
        Item("entrees", "Salade lyonnaise", "Lyon salad", "Frisée, lardons, œuf poché, croûtons", "Frisée, bacon, poached egg, croutons", 950, ItemKind.Food),
        Item("entrees", "Œuf meurette", "Eggs in red wine sauce", "Œufs pochés, sauce au vin rouge", "Poached eggs, red wine sauce", 890, ItemKind.Food),
        Item("entrees", "Soupe du jour", "Soup of the day", null, null, 650, ItemKind.Food),
        Item("plats", "Quenelle de brochet", "Pike quenelle", "Sauce Nantua, riz pilaf", "Nantua sauce, rice pilaf", 1650, ItemKind.Food),
        Item("plats", "Steak frites", "Steak and chips", "Bavette, frites maison", "Flank steak, home-made chips", 1850, ItemKind.Food),
        Item("plats", "Croque-monsieur", "Croque-monsieur", "Jambon, comté, salade verte", "Ham, Comté cheese, green salad", 1150, ItemKind.Food),
        Item("plats", "Risotto aux champignons", "Mushroom risotto", "Végétarien", "Vegetarian", 1490, ItemKind.Food),
        Item("desserts", "Tarte aux pralines", "Pink praline tart", null, null, 690, ItemKind.Food),
        Item("desserts", "Mousse au chocolat", "Chocolate mousse", null, null, 590, ItemKind.Food),
        Item("boissons", "Eau pétillante 50 cl", "Sparkling water 50 cl", null, null, 350, ItemKind.SoftDrink),
        Item("boissons", "Limonade artisanale", "Craft lemonade", null, null, 420, ItemKind.SoftDrink),
        Item("boissons", "Café", "Espresso", null, null, 220, ItemKind.SoftDrink),
        Item("boissons", "Verre de Beaujolais", "Glass of Beaujolais", "Vin rouge, 12 cl", "Red wine, 12 cl", 550, ItemKind.Alcohol),
        Item("boissons", "Bière pression 25 cl", "Draught beer 25 cl", null, null, 480, ItemKind.Alcohol),
    ];

    private static MenuCategory Category(string key, string nameFr, string nameEn, int position) => new()
    {
        Id = IdFor("category:" + key),
        RestaurantId = IdFor("restaurant"),
        NameFr = nameFr,
        NameEn = nameEn,
        Position = position,
    };

    private static int itemPosition;

    private static MenuItem Item(string category, string nameFr, string nameEn, string? descriptionFr, string? descriptionEn, long cents, ItemKind kind) => new()
    {
        Id = IdFor("item:" + nameEn),
        CategoryId = IdFor("category:" + category),
        NameFr = nameFr,
        NameEn = nameEn,
        DescriptionFr = descriptionFr,
        DescriptionEn = descriptionEn,
        Price = Money.FromCents(cents),
        Kind = kind,
        Position = itemPosition++,
    };

    private static Guid IdFor(string key) => new(SHA256.HashData(Encoding.UTF8.GetBytes("mealcheckout-demo:" + key)).AsSpan(0, 16));
}
