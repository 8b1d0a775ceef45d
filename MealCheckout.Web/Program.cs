using MealCheckout.Web;

var builder = WebApplication.CreateBuilder(args);
builder.AddMealCheckout();

var app = builder.Build();
app.UseMealCheckout();
app.Run();

/// <summary>Entry point, public so integration tests can host the app.</summary>
public partial class Program;
