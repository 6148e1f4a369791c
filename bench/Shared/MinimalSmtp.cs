using System.Net;
using System.Net.Sockets;

namespace Parley.Bench;

/// <summary>Counts what the server accepted, from its sessions' threads.</summary>
internal sealed class Counter
{
    private int _value;

    public int Value => Volatile.Read(ref _value);

    public void Add() => Interlocked.Increment(ref _value);
}

/// <summary>Just enough SMTP to accept mail: one write per reply, Nagle off, PIPELINING offered.</summary>
internal static class MinimalSmtp
{
    public static async Task RunAsync(int port, Counter received, CancellationToken cancellationToken)
    {
        using var listener = new TcpListener(IPAddress.Loopback, port);
        listener.Start();
        using var registration = cancellationToken.Register(listener.Stop);
        while (!cancellationToken.IsCancellationRequested)
        {
            var client = await listener.AcceptTcpClientAsync(cancellationToken);
            client.NoDelay = true;
            _ = Task.Run(() => SessionAsync(client, received, cancellationToken), cancellationToken);
        }
    }

    private static async Task SessionAsync(TcpClient client, Counter received, CancellationToken cancellationToken)
    {
        using var _ = client;
        var stream = client.GetStream();
        using var reader = new StreamReader(stream, System.Text.Encoding.ASCII);
        await using var writer = new StreamWriter(stream, System.Text.Encoding.ASCII) { NewLine = "\r\n", AutoFlush = false };
        await writer.WriteLineAsync("220 localhost ready");
        await writer.FlushAsync(cancellationToken);
        var inData = false;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (inData)
            {
                if (line == ".")
                {
                    inData = false;
                    received.Add();
                    await writer.WriteLineAsync("250 queued");
                    await writer.FlushAsync(cancellationToken);
                }

                continue;
            }

            var verb = line.Length >= 4 ? line[..4].ToUpperInvariant() : line.ToUpperInvariant();
            await writer.WriteLineAsync(verb switch
            {
                "EHLO" => "250-localhost\r\n250-PIPELINING\r\n250-8BITMIME\r\n250 SMTPUTF8",
                "HELO" => "250 localhost",
                "DATA" => "354 go on",
                "QUIT" => "221 bye",
                _ => "250 ok",
            });
            inData = verb == "DATA";

            // Pipelined commands are answered together: flush only when nothing more is waiting.
            if (!stream.DataAvailable || inData)
            {
                await writer.FlushAsync(cancellationToken);
            }

            if (verb == "QUIT")
            {
                return;
            }
        }
    }
}
