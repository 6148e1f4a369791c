using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

// Usage: Parley.PaymentsLoad <base-url> <email> <password> [--clients 32] [--seconds 30] [--accounts 2000]
if (args.Length < 3)
{
    Console.Error.WriteLine("usage: Parley.PaymentsLoad <base-url> <email> <password> [--clients 32] [--seconds 30] [--accounts 2000]");
    return 2;
}

var baseUrl = new Uri(args[0]);
if (!baseUrl.IsLoopback)
{
    Console.Error.WriteLine("Refusing a non-loopback target: this harness only loads servers on this machine.");
    return 2;
}

var clients = Option("--clients", 32);
var seconds = Option("--seconds", 30);
var accountLimit = Option("--accounts", 2000);

using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = clients * 2, PooledConnectionLifetime = TimeSpan.FromMinutes(10) }) { BaseAddress = baseUrl };
var token = await http.PostAsJsonAsync("/api/auth/token", new { email = args[1], password = args[2] });
token.EnsureSuccessStatusCode();
var accessToken = (await token.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);

var accounts = new List<(string Id, string Currency)>();
for (var page = 1; accounts.Count < accountLimit; page++)
{
    var result = await http.GetFromJsonAsync<JsonElement>($"/api/accounts?pageSize=200&page={page}&status=open");
    var items = result.GetProperty("items").EnumerateArray().ToList();
    if (items.Count == 0)
    {
        break;
    }

    accounts.AddRange(items.Select(i => (i.GetProperty("accountId").GetString()!, i.GetProperty("currency").GetString()!)));
}

if (accounts.Count == 0)
{
    Console.Error.WriteLine("No open accounts to pay: seed the database first (parley demo seed).");
    return 2;
}

// The line scripts wait for before they start counting the server's CPU time: set-up is over, the load begins.
Console.WriteLine($"{accounts.Count} accounts, {clients} clients, {seconds}s");
var clientCpu = Process.GetCurrentProcess().TotalProcessorTime;
var run = Guid.CreateVersion7().ToString("N")[..12];
var latencies = new List<double>[clients];
var failures = new int[clients];
var deadline = Stopwatch.GetTimestamp() + (long)(seconds * Stopwatch.Frequency);
var wall = Stopwatch.StartNew();
await Task.WhenAll(Enumerable.Range(0, clients).Select(async worker =>
{
    latencies[worker] = new List<double>(100_000);
    var random = new Random(worker);
    for (var n = 0; Stopwatch.GetTimestamp() < deadline; n++)
    {
        var (id, currency) = accounts[random.Next(accounts.Count)];
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/accounts/{id}/payments")
        {
            Content = JsonContent.Create(new { amount = 1.00m, currency, method = "card", reference = $"load-{run}-{worker}-{n}" }),
        };
        request.Headers.Add("Idempotency-Key", $"load-{run}-{worker}-{n}");
        var started = Stopwatch.GetTimestamp();
        using var response = await http.SendAsync(request);
        latencies[worker].Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        if (!response.IsSuccessStatusCode)
        {
            failures[worker]++;
        }
    }
}));
wall.Stop();
clientCpu = Process.GetCurrentProcess().TotalProcessorTime - clientCpu;

var all = latencies.SelectMany(l => l).Order().ToArray();
double Percentile(double p) => all[Math.Min(all.Length - 1, (int)Math.Ceiling(p / 100 * all.Length) - 1)];
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"requests={all.Length} failed={failures.Sum()} throughput={all.Length / wall.Elapsed.TotalSeconds:F0}/s p50={Percentile(50):F1}ms p95={Percentile(95):F1}ms p99={Percentile(99):F1}ms max={all[^1]:F1}ms client_cpu={clientCpu.TotalMilliseconds / all.Length:F2}ms/payment"));
return failures.Sum() == 0 ? 0 : 1;

int Option(string name, int fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
}
