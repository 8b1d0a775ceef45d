using MealCheckout.Core.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace MealCheckout.Web.Staff;

/// <summary>Creates the roles and the configured accounts once the database is migrated, one instance at a time.</summary>
public sealed class StaffAccountSeeder(IServiceScopeFactory scopes, StartupLock startupLock, IOptions<StaffAccountOptions> options, ILogger<StaffAccountSeeder> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => startupLock.RunAsync(SeedAsync, cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task SeedAsync()
    {
        await using var scope = scopes.CreateAsyncScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        foreach (var role in StaffRoles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                Check(await roles.CreateAsync(new IdentityRole(role)), $"role {role}");
            }
        }
        var seed = options.Value;
        await EnsureAccountAsync(users, seed.SeedUser, seed.SeedPassword, StaffRoles.Manager);
        await EnsureAccountAsync(users, seed.SeedReadOnlyUser, seed.SeedReadOnlyPassword, StaffRoles.Staff);
    }

    private async Task EnsureAccountAsync(UserManager<StaffUser> users, string? userName, string? password, string role)
    {
        if (string.IsNullOrWhiteSpace(userName) || string.IsNullOrEmpty(password))
        {
            return;
        }
        var user = await users.FindByNameAsync(userName);
        if (user is null)
        {
            user = new StaffUser { UserName = userName, Email = userName.Contains('@', StringComparison.Ordinal) ? userName : null, EmailConfirmed = true };
            Check(await users.CreateAsync(user, password), $"account {userName}");
            logger.LogInformation("Staff account {UserName} created with role {Role}", userName, role);
        }
        if (!await users.IsInRoleAsync(user, role))
        {
            Check(await users.AddToRoleAsync(user, role), $"role of {userName}");
        }
    }

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Could not create the staff {what}: " + string.Join(" ", result.Errors.Select(e => e.Description)));
        }
    }
}
