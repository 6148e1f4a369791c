using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Parley.Testing;

/// <summary>
/// A small IMAP4rev1 server on a loopback port (no IMAP server package exists for .NET): greeting, CAPABILITY, LOGIN,
/// LIST, SELECT, UID SEARCH (ALL / UNSEEN), UID FETCH (BODY.PEEK[]), UID STORE ±FLAGS, UID MOVE, NOOP and LOGOUT over
/// a real socket, enough for MailKit's ImapClient, so the poller is tested through its true seam. Mailboxes live in
/// memory; every command line is recorded.
/// </summary>
public sealed class LoopbackImapServer : IAsyncDisposable
{
    public const string User = "replies@collect.example.com";
    public const string Password = "imap-password";
    private const string Capabilities = "IMAP4rev1 MOVE UIDPLUS";

    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, List<StoredMessage>> _folders = new(StringComparer.OrdinalIgnoreCase) { ["INBOX"] = [] };
    private uint _nextUid = 1;

    private LoopbackImapServer(int port)
    {
        _listener = new TcpListener(IPAddress.Loopback, port);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _accepting = AcceptAsync(_stop.Token);
    }

    public int Port { get; }

    /// <summary>Every command line clients sent (LOGIN's password included: test data only).</summary>
    public List<string> Commands { get; } = [];

    /// <summary>A port nothing listens on (taken from the OS, then released): a mailbox that is down.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static LoopbackImapServer Start(int port = 0, params string[] folders)
    {
        var server = new LoopbackImapServer(port);
        foreach (var folder in folders)
        {
            server._folders[folder] = [];
        }

        return server;
    }

    /// <summary>Puts a raw RFC 5322 message in the folder, unseen; returns its UID.</summary>
    public uint Deliver(string raw, string folder = "INBOX")
    {
        lock (_gate)
        {
            var uid = _nextUid++;
            _folders[folder].Add(new StoredMessage(uid, Encoding.UTF8.GetBytes(raw.ReplaceLineEndings("\r\n"))));
            return uid;
        }
    }

    /// <summary>The flags of a message, wherever it is, and the folder it is in.</summary>
    public (string Folder, IReadOnlySet<string> Flags)? Find(uint uid)
    {
        lock (_gate)
        {
            foreach (var (name, messages) in _folders)
            {
                if (messages.FirstOrDefault(m => m.Uid == uid) is { } found)
                {
                    return (name, new HashSet<string>(found.Flags, StringComparer.OrdinalIgnoreCase));
                }
            }

            return null;
        }
    }

    /// <summary>Clears <c>\\Seen</c>, as if the poller had died before it flagged the message.</summary>
    public void Unsee(uint uid)
    {
        lock (_gate)
        {
            _folders.Values.SelectMany(m => m).Single(m => m.Uid == uid).Flags.Remove("\\Seen");
        }
    }

    public int CommandsStartingWith(string verb)
    {
        lock (_gate)
        {
            return Commands.Count(c => c.StartsWith(verb, StringComparison.OrdinalIgnoreCase));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _accepting;
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(stop);
            _ = Task.Run(() => ServeAsync(client, stop), stop);
        }
    }

    private async Task ServeAsync(TcpClient client, CancellationToken stop)
    {
        using var _ = client;
        var stream = client.GetStream();
        var reader = new LineReader(stream);
        string? selected = null;
        try
        {
            await WriteAsync(stream, $"* OK [CAPABILITY {Capabilities}] Loopback IMAP ready\r\n", stop);
            while (!stop.IsCancellationRequested)
            {
                var line = await ReadCommandAsync(reader, stream, stop);
                if (line is null)
                {
                    return;
                }

                var space = line.IndexOf(' ', StringComparison.Ordinal);
                if (space <= 0)
                {
                    await WriteAsync(stream, "* BAD no tag\r\n", stop);
                    continue;
                }

                var tag = line[..space];
                var words = Tokens(line[(space + 1)..]);
                lock (_gate)
                {
                    Commands.Add(string.Join(' ', words));
                }

                var verb = words[0].ToUpperInvariant();
                if (verb == "UID" && words.Count > 1)
                {
                    verb = "UID " + words[1].ToUpperInvariant();
                    words = [verb, .. words.Skip(2)];
                }

                var answer = new StringBuilder();
                var done = false;
                switch (verb)
                {
                    case "CAPABILITY":
                        answer.Append(CultureInfo.InvariantCulture, $"* CAPABILITY {Capabilities}\r\n{tag} OK done\r\n");
                        break;
                    case "NOOP":
                        answer.Append(CultureInfo.InvariantCulture, $"{tag} OK done\r\n");
                        break;
                    case "LOGIN" when words.Count == 3:
                        answer.Append(words[1] == User && words[2] == Password
                            ? $"{tag} OK [CAPABILITY {Capabilities}] logged in\r\n"
                            : $"{tag} NO [AUTHENTICATIONFAILED] invalid credentials\r\n");
                        break;
                    case "LIST" when words.Count == 3:
                        answer.Append(List(words[2])).Append(CultureInfo.InvariantCulture, $"{tag} OK done\r\n");
                        break;
                    case "SELECT" or "EXAMINE" when words.Count == 2 && Exists(words[1]):
                        selected = words[1];
                        answer.Append(Select(selected)).Append(CultureInfo.InvariantCulture, $"{tag} OK [{(verb == "SELECT" ? "READ-WRITE" : "READ-ONLY")}] selected\r\n");
                        break;
                    case "UID SEARCH" when selected is not null:
                        answer.Append(Search(selected, words.Skip(1).ToList())).Append(CultureInfo.InvariantCulture, $"{tag} OK done\r\n");
                        break;
                    case "UID FETCH" when selected is not null && words.Count >= 3:
                        await WriteAsync(stream, Fetch(selected, words[1]), stop);
                        answer.Append(CultureInfo.InvariantCulture, $"{tag} OK done\r\n");
                        break;
                    case "UID STORE" when selected is not null && words.Count >= 4:
                        answer.Append(Store(selected, words[1], words[2], string.Join(' ', words.Skip(3)))).Append(CultureInfo.InvariantCulture, $"{tag} OK done\r\n");
                        break;
                    case "UID MOVE" when selected is not null && words.Count == 3 && Exists(words[2]):
                        answer.Append(Move(selected, words[1], words[2])).Append(CultureInfo.InvariantCulture, $"{tag} OK done\r\n");
                        break;
                    case "CLOSE" or "UNSELECT":
                        selected = null;
                        answer.Append(CultureInfo.InvariantCulture, $"{tag} OK done\r\n");
                        break;
                    case "LOGOUT":
                        answer.Append(CultureInfo.InvariantCulture, $"* BYE logging out\r\n{tag} OK done\r\n");
                        done = true;
                        break;
                    default:
                        answer.Append(CultureInfo.InvariantCulture, $"{tag} BAD not supported here\r\n");
                        break;
                }

                await WriteAsync(stream, answer.ToString(), stop);
                if (done)
                {
                    return;
                }
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // The client went away.
        }
    }

    private bool Exists(string folder)
    {
        lock (_gate)
        {
            return _folders.ContainsKey(folder);
        }
    }

    private string List(string pattern)
    {
        if (pattern.Length == 0)
        {
            return "* LIST (\\Noselect) \"/\" \"\"\r\n";
        }

        lock (_gate)
        {
            return string.Concat(_folders.Keys.Where(f => pattern == "*" || string.Equals(f, pattern, StringComparison.OrdinalIgnoreCase))
                .Select(f => $"* LIST (\\HasNoChildren) \"/\" \"{f}\"\r\n"));
        }
    }

    private string Select(string folder)
    {
        lock (_gate)
        {
            var messages = _folders[folder];
            return "* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft)\r\n"
                + "* OK [PERMANENTFLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft \\*)] flags\r\n"
                + $"* {messages.Count} EXISTS\r\n* 0 RECENT\r\n* OK [UIDVALIDITY 7] uids\r\n* OK [UIDNEXT {_nextUid}] next\r\n";
        }
    }

    private string Search(string folder, List<string> criteria)
    {
        lock (_gate)
        {
            var unseen = criteria.Any(c => c.Equals("UNSEEN", StringComparison.OrdinalIgnoreCase));
            var uids = _folders[folder].Where(m => !unseen || !m.Flags.Contains("\\Seen")).Select(m => m.Uid.ToString(CultureInfo.InvariantCulture));
            return $"* SEARCH {string.Join(' ', uids)}".TrimEnd() + "\r\n";
        }
    }

    private byte[] Fetch(string folder, string set)
    {
        using var output = new MemoryStream();
        lock (_gate)
        {
            var messages = _folders[folder];
            for (var i = 0; i < messages.Count; i++)
            {
                if (!InSet(messages[i].Uid, set))
                {
                    continue;
                }

                var head = Encoding.ASCII.GetBytes($"* {i + 1} FETCH (UID {messages[i].Uid} BODY[] {{{messages[i].Raw.Length}}}\r\n");
                output.Write(head);
                output.Write(messages[i].Raw);
                output.Write(")\r\n"u8);
            }
        }

        return output.ToArray();
    }

    private string Store(string folder, string set, string action, string flags)
    {
        var named = flags.Trim('(', ')').Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var silent = action.EndsWith(".SILENT", StringComparison.OrdinalIgnoreCase);
        var answer = new StringBuilder();
        lock (_gate)
        {
            var messages = _folders[folder];
            for (var i = 0; i < messages.Count; i++)
            {
                if (!InSet(messages[i].Uid, set))
                {
                    continue;
                }

                foreach (var flag in named)
                {
                    _ = action.StartsWith('-') ? messages[i].Flags.Remove(flag) : messages[i].Flags.Add(flag);
                }

                if (!silent)
                {
                    answer.Append(CultureInfo.InvariantCulture, $"* {i + 1} FETCH (UID {messages[i].Uid} FLAGS ({string.Join(' ', messages[i].Flags)}))\r\n");
                }
            }
        }

        return answer.ToString();
    }

    private string Move(string folder, string set, string destination)
    {
        var answer = new StringBuilder();
        lock (_gate)
        {
            var messages = _folders[folder];
            for (var i = messages.Count - 1; i >= 0; i--)
            {
                if (!InSet(messages[i].Uid, set))
                {
                    continue;
                }

                var moved = messages[i];
                var uid = _nextUid++;
                _folders[destination].Add(new StoredMessage(uid, moved.Raw) { Flags = { "\\Seen" } });
                messages.RemoveAt(i);
                answer.Insert(0, $"* OK [COPYUID 7 {moved.Uid} {uid}] moved\r\n").Append(CultureInfo.InvariantCulture, $"* {i + 1} EXPUNGE\r\n");
            }
        }

        return answer.ToString();
    }

    private static bool InSet(uint uid, string set) =>
        set.Split(',').Any(part => part.Split(':') switch
        {
            [var one] => one == "*" || uint.Parse(one, CultureInfo.InvariantCulture) == uid,
            [var from, var to] => uid >= uint.Parse(from, CultureInfo.InvariantCulture) && (to == "*" || uid <= uint.Parse(to, CultureInfo.InvariantCulture)),
            _ => false,
        });

    /// <summary>A command line, with any synchronising literal (<c>{n}</c>) read in as a quoted string.</summary>
    private static async Task<string?> ReadCommandAsync(LineReader reader, NetworkStream stream, CancellationToken stop)
    {
        var line = await reader.ReadLineAsync(stop);
        while (line is not null && line.EndsWith('}') && line.LastIndexOf('{') is var open and >= 0
            && int.TryParse(line[(open + 1)..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var length))
        {
            await WriteAsync(stream, "+ go ahead\r\n", stop);
            var literal = await reader.ReadBytesAsync(length, stop);
            var rest = await reader.ReadLineAsync(stop);
            line = line[..open] + "\"" + Encoding.UTF8.GetString(literal).Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"" + rest;
        }

        return line;
    }

    /// <summary>Atoms and quoted strings; a parenthesised list stays one word with its parentheses.</summary>
    private static List<string> Tokens(string text)
    {
        var words = new List<string>();
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == ' ')
            {
                i++;
                continue;
            }

            var word = new StringBuilder();
            if (text[i] == '"')
            {
                for (i++; i < text.Length && text[i] != '"'; i++)
                {
                    word.Append(text[i] == '\\' && i + 1 < text.Length ? text[++i] : text[i]);
                }

                i++;
            }
            else if (text[i] == '(')
            {
                var depth = 0;
                do
                {
                    depth += text[i] switch { '(' => 1, ')' => -1, _ => 0 };
                    word.Append(text[i++]);
                }
                while (i < text.Length && depth > 0);
            }
            else
            {
                while (i < text.Length && text[i] != ' ')
                {
                    word.Append(text[i++]);
                }
            }

            words.Add(word.ToString());
        }

        return words;
    }

    private static Task WriteAsync(NetworkStream stream, string text, CancellationToken stop) => WriteAsync(stream, Encoding.UTF8.GetBytes(text), stop);

    private static async Task WriteAsync(NetworkStream stream, byte[] bytes, CancellationToken stop)
    {
        await stream.WriteAsync(bytes, stop);
        await stream.FlushAsync(stop);
    }

    private sealed class StoredMessage(uint uid, byte[] raw)
    {
        public uint Uid { get; } = uid;

        public byte[] Raw { get; } = raw;

        public HashSet<string> Flags { get; } = new(StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>CRLF lines and counted bytes from one stream, buffered.</summary>
    private sealed class LineReader(Stream stream)
    {
        private readonly byte[] _buffer = new byte[8192];
        private int _start;
        private int _end;

        public async Task<string?> ReadLineAsync(CancellationToken stop)
        {
            var line = new MemoryStream();
            while (true)
            {
                if (_start == _end && !await FillAsync(stop))
                {
                    return line.Length == 0 ? null : Encoding.UTF8.GetString(line.ToArray());
                }

                var newline = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
                if (newline < 0)
                {
                    line.Write(_buffer, _start, _end - _start);
                    _start = _end;
                    continue;
                }

                line.Write(_buffer, _start, newline - _start);
                _start = newline + 1;
                var bytes = line.ToArray();
                return Encoding.UTF8.GetString(bytes, 0, bytes.Length > 0 && bytes[^1] == '\r' ? bytes.Length - 1 : bytes.Length);
            }
        }

        public async Task<byte[]> ReadBytesAsync(int count, CancellationToken stop)
        {
            var bytes = new byte[count];
            var filled = 0;
            while (filled < count)
            {
                if (_start == _end && !await FillAsync(stop))
                {
                    throw new IOException("the client closed the connection inside a literal");
                }

                var take = Math.Min(count - filled, _end - _start);
                Array.Copy(_buffer, _start, bytes, filled, take);
                _start += take;
                filled += take;
            }

            return bytes;
        }

        private async Task<bool> FillAsync(CancellationToken stop)
        {
            _start = 0;
            _end = await stream.ReadAsync(_buffer, stop);
            return _end > 0;
        }
    }
}
