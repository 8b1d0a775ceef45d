using MealCheckout.Web;
using MealCheckout.Web.Security;

var builder = WebApplication.CreateBuilder(args);
// Before anything else: a missing or unsafe setting stops the start with one plain line each.
if (!ProductionSafety.CheckAtStartup(builder.Environment, builder.Configuration, Console.Error))
{
    return 1;
}
builder.AddMealCheckout();

var app = builder.Build();
app.UseMealCheckout();
app.Run();
return 0;

/// <summary>Entry point, public so integration tests can host the app.</summary>
public partial class Program;
