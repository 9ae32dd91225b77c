using System.Diagnostics;
using System.Net.Http.Json;
using Huying.Tests.Infrastructure;

namespace Huying.Bench;

/// <summary>The app, published as for a county, as its own process on a SQLite file, answering on a free port.</summary>
internal sealed class AppProcess : IAsyncDisposable
{
    private readonly Process process;

    public HttpClient Client { get; }
    public double StartSeconds { get; }

    private AppProcess(Process process, HttpClient client, double startSeconds)
    {
        this.process = process;
        Client = client;
        StartSeconds = startSeconds;
    }

    /// <summary>
    /// The chain key the bench and the app processes it starts share, so lines the bench writes verify in the app.
    /// </summary>
    public static Huying.Platform.Audit.ChainKey Chain { get; } =
        new(new byte[32], Path.Combine(Path.GetTempPath(), $"huying-bench-checkpoints-{Environment.ProcessId}.log"));

    /// <summary>Points a process at the bench's chain key.</summary>
    public static void UseChain(ProcessStartInfo start)
    {
        start.Environment["Audit__Key"] = Convert.ToBase64String(new byte[32]);
        start.Environment["Audit__CheckpointFile"] = Chain.CheckpointFile;
    }

    /// <summary>A copy of a loaded SQLite file where HUYING_BENCH_KEEP_DB says, for work by hand (profiling, a query
    /// plan) without loading again.</summary>
    public static void KeepCopy(string database)
    {
        if (Environment.GetEnvironmentVariable("HUYING_BENCH_KEEP_DB") is { Length: > 0 } keep)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Copy(database, keep, overwrite: true);
        }
    }

    /// <summary>
    /// The app as a county runs it: published for this machine, so compiled ahead of time (Huying.csproj). Published
    /// at a run's first start — seconds when nothing changed — so that no run measures a build older than the code.
    /// </summary>
    public static string Dll() => Published.Value;

    private static readonly Lazy<string> Published = new(Publish);

    private static string Publish()
    {
        var project = Path.Combine(Paths.Repo(), "src", "Huying");
        var rid = System.Runtime.InteropServices.RuntimeInformation.RuntimeIdentifier;
        Console.WriteLine($"publishing the app for {rid} (ahead-of-time compiled)…");
        var start = new ProcessStartInfo("dotnet", ["publish", project, "-c", "Release", "-r", rid, "--nologo"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var publish = Process.Start(start)!;
        var output = publish.StandardOutput.ReadToEndAsync();
        var errors = publish.StandardError.ReadToEnd();
        publish.WaitForExit();
        var dll = Path.Combine(project, "bin", "Release", "net10.0", rid, "publish", "Huying.dll");
        return publish.ExitCode == 0 && File.Exists(dll)
            ? dll
            : throw new InvalidOperationException($"dotnet publish of the app failed ({publish.ExitCode}):\n{output.Result}\n{errors}");
    }

    /// <summary>The app (this build's, or the one at <paramref name="dll"/>) on a SQLite file, the demo seeded on its first run.</summary>
    public static Task<AppProcess> StartAsync(string database, IDictionary<string, string>? settings = null, int connections = 16, string? dll = null)
    {
        dll ??= Dll();
        var start = new ProcessStartInfo("dotnet", [dll, "--urls", "http://127.0.0.1:{port}"]) { WorkingDirectory = Path.GetDirectoryName(dll)! };
        start.Environment["ConnectionStrings__Huying"] = $"Data Source={database}";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        UseChain(start);
        // The demo is seeded in Development only unless asked for; the bench measures on it.
        start.Environment["Demo__Enabled"] = "true";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }
        // On PostgreSQL the app runs as README's command for it runs it: with the server GC (Huying.csproj says why),
        // unless the settings say otherwise (DOTNET_gcServer=0, to compare).
        if (start.Environment.TryGetValue("Database__Provider", out var provider) && provider == "Postgres"
            && !start.Environment.ContainsKey("DOTNET_gcServer"))
        {
            start.Environment["DOTNET_gcServer"] = "1";
        }
        return StartAsync(start, connections);
    }

    /// <summary>Starts a server process ("{port}" in its arguments becomes a free port) and waits for its /healthz.</summary>
    public static async Task<AppProcess> StartAsync(ProcessStartInfo start, int connections)
    {
        var port = FreePort();
        for (var i = 0; i < start.ArgumentList.Count; i++)
        {
            start.ArgumentList[i] = start.ArgumentList[i].Replace("{port}", port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        }
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        var watch = Stopwatch.StartNew();
        var process = Process.Start(start)!;
        // HUYING_BENCH_APP_LOG=<file>: the servers' output (warnings and errors: a load's 500s say why there), appended.
        var log = Environment.GetEnvironmentVariable("HUYING_BENCH_APP_LOG") is { Length: > 0 } path ? TextWriter.Synchronized(new StreamWriter(path, append: true) { AutoFlush = true }) : null;
        process.OutputDataReceived += (_, e) => log?.WriteLine($"{port} {e.Data}");
        process.ErrorDataReceived += (_, e) => log?.WriteLine($"{port} {e.Data}");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = connections }) { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        while (true)
        {
            try
            {
                if ((await client.GetAsync("/healthz")).IsSuccessStatusCode)
                {
                    break;
                }
            }
            catch (HttpRequestException)
            {
            }
            if (watch.Elapsed > TimeSpan.FromMinutes(3) || process.HasExited)
            {
                throw new TimeoutException($"{start.FileName} {string.Join(' ', start.ArgumentList)} did not answer /healthz");
            }
            await Task.Delay(200);
        }
        return new AppProcess(process, client, watch.Elapsed.TotalSeconds);
    }

    /// <summary>
    /// A port nobody listens on, given by the kernel. A random one of 300 was once another server's of the same run: the
    /// second process could not listen and exited, but not before its /healthz was answered by the first, so every
    /// request of the bare endpoints went to the app (400s) — and two builds of <c>intake-ab</c> could so have been one.
    /// </summary>
    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async Task<string> TokenAsync(string user) =>
        (await (await Client.PostAsJsonAsync("/api/auth/token", new { userName = user, password = "Huying@2026" }))
            .Content.ReadFromJsonAsync<TokenResponse>())!.AccessToken;

    /// <summary>CPU seconds the app process has used so far (user and system).</summary>
    public double CpuSeconds() => Cpu.OfProcess(process.Id);

    /// <summary>Resident set size of the app process, in MiB.</summary>
    public double RssMiB()
    {
        var rss = File.ReadLines($"/proc/{process.Id}/status").Where(l => l.StartsWith("VmRSS:", StringComparison.Ordinal))
            .Select(l => long.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1])).First() / 1024.0;
        if (rss > peakRss)
        {
            (peakRss, PeakRssParts) = (rss, RssParts());
        }
        return rss;
    }

    private double peakRss;

    /// <summary><see cref="RssParts"/> when <see cref="RssMiB"/> read the most so far.</summary>
    public string PeakRssParts { get; private set; } = "";

    /// <summary>What the resident set is made of (/proc status): the heap and other private memory (SQLite's page caches
    /// among it), mapped files (the runtime's and the app's code), shared memory (the runtime's double-mapped code).</summary>
    public string RssParts()
    {
        var lines = File.ReadLines($"/proc/{process.Id}/status").ToList();
        string Of(string name) => (long.Parse(lines.First(l => l.StartsWith(name + ":", StringComparison.Ordinal))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) / 1024).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return $"anonymous {Of("RssAnon")}, files {Of("RssFile")}, shared {Of("RssShmem")} MiB";
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
        process.Dispose();
    }
}
