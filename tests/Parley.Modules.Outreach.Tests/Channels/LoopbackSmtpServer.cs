using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Parley.Modules.Outreach.Tests.Channels;

/// <summary>A real SMTP server (the SmtpServer package) on a free loopback port, keeping what it receives; the true external seam of the e-mail channel.</summary>
internal sealed class LoopbackSmtpServer : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _running;

    private LoopbackSmtpServer(int port, X509Certificate2? certificate, Func<SmtpResponse> answer)
    {
        Port = port;
        var endpoint = new EndpointDefinitionBuilder().Endpoint(new IPEndPoint(IPAddress.Loopback, port));
        if (certificate is not null)
        {
            // Not secure from the first byte: STARTTLS is offered on the plain port.
            endpoint.Certificate(certificate);
        }

        var options = new SmtpServerOptionsBuilder().ServerName("localhost").Endpoint(endpoint.Build()).Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Store(this, answer));
        var server = new SmtpServer.SmtpServer(options, services);
        _running = server.StartAsync(_stop.Token);
    }

    public int Port { get; }

    public ConcurrentQueue<(MimeMessage Message, bool Secure)> Received { get; } = new();

    public static async Task<LoopbackSmtpServer> StartAsync(X509Certificate2? certificate = null, Func<SmtpResponse>? answer = null)
    {
        var server = new LoopbackSmtpServer(FreePort(), certificate, answer ?? (() => SmtpResponse.Ok));
        await WaitUntilListeningAsync(server.Port);
        return server;
    }

    /// <summary>A port nothing listens on (taken from the OS, then released).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>A self-signed certificate for localhost, made here (valid 2020–2100, so no clock is read).</summary>
    public static X509Certificate2 SelfSignedCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName("localhost");
        san.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        using var certificate = request.CreateSelfSigned(new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2100, 1, 1, 0, 0, 0, TimeSpan.Zero));

        // SslStream on Linux wants the key in a loadable form: round-trip through PKCS#12.
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _running;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private static async Task WaitUntilListeningAsync(int port)
    {
        for (var i = 0; i < 100; i++)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(20);
            }
        }

        throw new InvalidOperationException($"The loopback SMTP server did not listen on {port}.");
    }

    private sealed class Store(LoopbackSmtpServer server, Func<SmtpResponse> answer) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            var response = answer();
            if (response.ReplyCode == SmtpReplyCode.Ok)
            {
                await using var stream = new MemoryStream(buffer.ToArray());
                server.Received.Enqueue((await MimeMessage.LoadAsync(stream, cancellationToken), context.Pipe.IsSecure));
            }

            return response;
        }
    }
}
