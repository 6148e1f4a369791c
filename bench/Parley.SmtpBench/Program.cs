using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;
using NodaTime;
using Parley.Bench;
using Parley.Modules.Compliance.Contracts;
using Parley.Modules.Outreach.Channels;
using Parley.SharedKernel;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

// Usage: Parley.SmtpBench [messages] [concurrent senders] [server: minimal | smtpserver]
// Sends rendered e-mails (text + HTML, List-Unsubscribe) through SmtpConnectionPool to an SMTP server on loopback in
// this process, and prints e-mails per second. The server only counts what it receives, so the figure is the sender's.
// "minimal" (the default) is a few lines of SMTP answering each command in one write with Nagle off; "smtpserver" is
// the SmtpServer package the tests use, whose replies wait on delayed ACKs (~45 ms a message per connection here).
var messages = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 5000;
var senders = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 4;
var minimal = args.Length <= 2 || args[2] != "smtpserver";

int port;
using (var probe = new TcpListener(IPAddress.Loopback, 0))
{
    probe.Start();
    port = ((IPEndPoint)probe.LocalEndpoint).Port;
}

var received = new Counter();
using var stop = new CancellationTokenSource();
Task server;
if (minimal)
{
    server = MinimalSmtp.RunAsync(port, received, stop.Token);
}
else
{
    var serverOptions = new SmtpServerOptionsBuilder().ServerName("localhost")
        .Endpoint(new EndpointDefinitionBuilder().Endpoint(new IPEndPoint(IPAddress.Loopback, port)).Build()).Build();
    var services = new SmtpServer.ComponentModel.ServiceProvider();
    services.Add(new CountingStore(received));
    server = new SmtpServer.SmtpServer(serverOptions, services).StartAsync(stop.Token);
}

await Task.Delay(200);

var options = Options.Create(new OutreachChannelOptions
{
    PublicBaseUrl = "https://collect.example.com",
    Email =
    {
        UnsubscribeSecret = "bench-secret",
        Smtp = { Host = "127.0.0.1", Port = port, Security = SmtpSecurity.None, From = "ACME <accounts@collect.example.com>" },
    },
});
var composer = new EmailComposer(options, new UnsubscribeTokens(options), new WallClock());
using var pool = new SmtpConnectionPool(options);
var account = AccountId.From(Guid.CreateVersion7());
const string html = "<p>Hello Jane,</p><p>Your balance with ACME Bank is <b>$1,100.00</b>. You can pay online or call us.</p><p>Reply STOP to stop e-mails.</p>";
const string text = "Hello Jane,\nYour balance with ACME Bank is $1,100.00. You can pay online or call us.\nReply STOP to stop e-mails.";

async Task<int> RunAsync(int count, string prefix)
{
    var next = -1;
    var failed = 0;
    await Task.WhenAll(Enumerable.Range(0, senders).Select(async _ =>
    {
        int i;
        while ((i = Interlocked.Increment(ref next)) < count)
        {
            var message = new OutgoingMessage($"{prefix}-{i}", account, ContactChannel.Email, $"customer{i}@example.com", "Your ACME balance", text, html, "en");
            var outcome = await pool.SendAsync(composer.Compose(message), CancellationToken.None);
            if (!outcome.Accepted)
            {
                Interlocked.Increment(ref failed);
            }
        }
    }));
    return failed;
}

await RunAsync(Math.Min(500, messages), "warm-up");
var clock = Stopwatch.StartNew();
var failures = await RunAsync(messages, "bench");
clock.Stop();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"{(minimal ? "minimal server" : "SmtpServer package")}, {messages} e-mails, {senders} concurrent senders: {messages / clock.Elapsed.TotalSeconds:F0} e-mails/s ({clock.Elapsed.TotalSeconds:F2} s), {failures} failed, {received.Value} received in all"));
await stop.CancelAsync();
try
{
    await server;
}
catch (OperationCanceledException)
{
}
catch (SocketException)
{
}

internal sealed class CountingStore(Counter counter) : MessageStore
{
    public override Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
    {
        counter.Add();
        return Task.FromResult(SmtpResponse.Ok);
    }
}

internal sealed class WallClock : IClock
{
    public Instant GetCurrentInstant() => Instant.FromDateTimeOffset(TimeProvider.System.GetUtcNow());
}
