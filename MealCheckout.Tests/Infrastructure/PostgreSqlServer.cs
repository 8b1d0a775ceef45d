using System.Diagnostics;
using Npgsql;

namespace MealCheckout.Tests.Infrastructure;

/// <summary>
/// A real PostgreSQL server for the test run: a cluster made by <c>initdb</c> in a temporary folder,
/// listening on a loopback ephemeral port, started once and removed when the test process exits.
/// PostgreSQL refuses to run as root, so under root (CI) it runs as the "postgres" account.
/// Each test class takes its own database in it (<see cref="CreateDatabaseAsync"/>).
/// </summary>
public sealed class PostgreSqlServer
{
    private const string Superuser = "mealcheckout";
    private const string ServiceAccount = "postgres";
    private static readonly Lazy<Task<PostgreSqlServer>> Shared = new(StartAsync);

    private readonly string folder;
    private readonly string binaries;

    private PostgreSqlServer(string folder, string binaries, int port)
    {
        this.folder = folder;
        this.binaries = binaries;
        Port = port;
    }

    public int Port { get; }

    /// <summary>The server's log, where <c>auto_explain</c> writes the plans of the statements it explains.</summary>
    public string LogPath => Path.Combine(folder, "server.log");

    /// <summary>The one server of this test run, started on first use.</summary>
    public static Task<PostgreSqlServer> RunningAsync() => Shared.Value;

    public string ConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Database = database,
        Username = Superuser,
        // Enough for two app instances and fifty concurrent checkouts in one test.
        MaxPoolSize = 200,
    }.ToString();

    /// <summary>A new, empty database; dropped with <see cref="DropDatabaseAsync"/>.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = "mc_" + Guid.NewGuid().ToString("N");
        await ExecuteAsync($"CREATE DATABASE {name}");
        return name;
    }

    public async Task DropDatabaseAsync(string name)
    {
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync($"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<PostgreSqlServer> StartAsync()
    {
        var binaries = FindBinaries();
        var folder = Path.Combine(Path.GetTempPath(), "mealcheckout-postgres-" + Guid.NewGuid().ToString("N"));
        var data = Path.Combine(folder, "data");
        await RunAsync(binaries, "mkdir", ["-p", folder]);
        await RunAsync(binaries, Path.Combine(binaries, "initdb"), ["-D", data, "-U", Superuser, "--auth=trust", "--encoding=UTF8", "--locale=C", "--no-sync"]);
        var port = LoopbackPort.Free();
        // A throw-away cluster: no fsync, sockets in its own folder, TCP on loopback only.
        var options = $"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300";
        await RunAsync(binaries, Path.Combine(binaries, "pg_ctl"), ["-D", data, "-o", options, "-l", Path.Combine(folder, "server.log"), "-w", "start"]);
        var server = new PostgreSqlServer(folder, binaries, port);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Stop();
        return server;
    }

    private void Stop()
    {
        NpgsqlConnection.ClearAllPools();
        RunAsync(binaries, Path.Combine(binaries, "pg_ctl"), ["-D", Path.Combine(folder, "data"), "-m", "immediate", "-w", "stop"]).GetAwaiter().GetResult();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // The temporary folder is cleaned by the OS.
        }
    }

    /// <summary>initdb and pg_ctl on PATH, or Debian's versioned folder, which is not on PATH.</summary>
    private static string FindBinaries()
    {
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .FirstOrDefault(directory => File.Exists(Path.Combine(directory, "initdb")) && File.Exists(Path.Combine(directory, "pg_ctl")));
        var debian = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(version => Path.Combine(version, "bin")).Order()
                .LastOrDefault(directory => File.Exists(Path.Combine(directory, "initdb")))
            : null;
        return onPath ?? debian ?? throw new InvalidOperationException(
            "PostgreSQL's initdb was not found on PATH nor in /usr/lib/postgresql/*/bin: install the postgresql package (test.sh does).");
    }

    /// <summary>Runs a server tool, as the "postgres" account when the tests run as root.</summary>
    private static async Task RunAsync(string binaries, string program, IReadOnlyList<string> arguments)
    {
        var asRoot = Environment.UserName == "root";
        var start = new ProcessStartInfo(asRoot ? "runuser" : program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        if (asRoot)
        {
            foreach (var argument in new[] { "-u", ServiceAccount, "--", program })
            {
                start.ArgumentList.Add(argument);
            }
        }
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["PATH"] = binaries + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH");
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(program)} failed ({process.ExitCode}): {await error}{await output}");
        }
    }
}
