using System.Collections.Concurrent;
using MealCheckout.Core.Payments.Adyen;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace MealCheckout.Tests.Integration.Performance;

/// <summary>
/// Stands at the sandbox's door: for every Adyen request carrying an idempotency key, looks the key up
/// in the app's SQLite file through a connection of its own, which sees only what was committed.
/// A key missing there would be lost by a crash during the call.
/// </summary>
public sealed class CommittedKeyWitness(string databasePath) : IStartupFilter
{
    private readonly ConcurrentQueue<(string Path, string Key, bool Committed)> seen = new();

    public IReadOnlyList<(string Path, string Key, bool Committed)> Seen => seen.ToArray();

    public void AddTo(IServiceCollection services) => services.AddSingleton<IStartupFilter>(this);

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (HttpContext context, RequestDelegate following) =>
        {
            if (context.Request.Path.StartsWithSegments("/sandbox/adyen")
                && context.Request.Headers[IAdyenCheckoutApi.IdempotencyKeyHeader].ToString() is { Length: > 0 } key)
            {
                seen.Enqueue((context.Request.Path.Value!, key, await IsCommittedAsync(key)));
            }
            await following(context);
        });
        next(app);
    };

    private async Task<bool> IsCommittedAsync(string key)
    {
        await using var connection = new SqliteConnection($"Data Source={databasePath};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM provider_calls WHERE idempotency_key = $key";
        command.Parameters.AddWithValue("$key", key);
        return (long)(await command.ExecuteScalarAsync())! > 0;
    }
}
