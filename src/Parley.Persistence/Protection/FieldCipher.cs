using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Configuration;

namespace Parley.Persistence.Protection;

/// <summary>
/// Encrypts sensitive columns at rest with AES-256-GCM. A stored value is <c>{key id}:{base64(nonce | ciphertext | tag)}</c>,
/// so keys can rotate: new values use <c>Parley:FieldEncryption:Key</c>, old ones still decrypt with a key listed
/// under <c>Parley:FieldEncryption:PreviousKeys</c>. Without a configured key, one is generated once into the data
/// folder (fine for a laptop; production sets the key from its secret store).
/// </summary>
public sealed class FieldCipher
{
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private const string KeyFileName = "field-encryption.key";

    private readonly byte[] _key;
    private readonly byte[] _keyIdBytes;
    private readonly Dictionary<string, byte[]> _keysById;

    // One AES-GCM per thread for the current key: creating one per value (an OpenSSL context and key schedule)
    // cost more than the encryption itself on bulk paths that seal a column of every row.
    [ThreadStatic]
    private static (FieldCipher Owner, AesGcm Aes)? _threadAes;

    public FieldCipher(byte[] key, IEnumerable<byte[]>? previousKeys = null)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length != 32)
        {
            throw new ArgumentException("A field encryption key is 32 bytes (AES-256).", nameof(key));
        }

        _key = key;
        KeyId = IdOf(key);
        _keyIdBytes = Encoding.ASCII.GetBytes(KeyId);
        _keysById = new Dictionary<string, byte[]>(StringComparer.Ordinal) { [KeyId] = key };
        foreach (var previous in previousKeys ?? [])
        {
            _keysById.TryAdd(IdOf(previous), previous);
        }
    }

    /// <summary>The first 8 hex digits of the key's SHA-256: names the key in every value, never reveals it.</summary>
    public string KeyId { get; }

    public static FieldCipher FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var previous = configuration.GetSection("Parley:FieldEncryption:PreviousKeys").GetChildren()
            .Select(k => Decode(k.Value, k.Path)).ToList();
        if (configuration["Parley:FieldEncryption:Key"] is { Length: > 0 } configured)
        {
            return new FieldCipher(Decode(configured, "Parley:FieldEncryption:Key"), previous);
        }

        var folder = Path.GetFullPath(configuration["Database:DataFolder"] ?? "data");
        Directory.CreateDirectory(folder);
        return new FieldCipher(LoadOrCreateKeyFile(Path.Combine(folder, KeyFileName)), previous);
    }

    public string Encrypt(string plaintext)
    {
        ArgumentNullException.ThrowIfNull(plaintext);
        var plainLength = Encoding.UTF8.GetByteCount(plaintext);
        var sealedLength = NonceSize + plainLength + TagSize;
        // Short values (dates, names) are sealed on the stack; only the stored string is allocated.
        Span<byte> sealedBytes = sealedLength <= 512 ? stackalloc byte[sealedLength] : new byte[sealedLength];
        var nonce = sealedBytes[..NonceSize];
        var cipherText = sealedBytes.Slice(NonceSize, plainLength);
        RandomNumberGenerator.Fill(nonce);
        // The plaintext is encoded into the ciphertext's place and encrypted in place (AES-GCM allows it).
        Encoding.UTF8.GetBytes(plaintext, cipherText);
        Aes().Encrypt(nonce, cipherText, cipherText, sealedBytes[(NonceSize + plainLength)..], _keyIdBytes);
        return Stored(sealedBytes);
    }

    public string Decrypt(string stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var colon = stored.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || !_keysById.TryGetValue(stored[..colon], out var key))
        {
            throw new CryptographicException($"No field encryption key with id '{(colon > 0 ? stored[..colon] : "")}' is configured.");
        }

        var sealedBytes = Convert.FromBase64String(stored[(colon + 1)..]);
        if (sealedBytes.Length < NonceSize + TagSize)
        {
            throw new CryptographicException("An encrypted field is too short to be genuine.");
        }

        var plain = new byte[sealedBytes.Length - NonceSize - TagSize];
        using var aes = new AesGcm(key, TagSize);
        aes.Decrypt(sealedBytes.AsSpan(0, NonceSize), sealedBytes.AsSpan(NonceSize, plain.Length), sealedBytes.AsSpan(NonceSize + plain.Length), plain, Encoding.ASCII.GetBytes(stored[..colon]));
        return Encoding.UTF8.GetString(plain);
    }

    private AesGcm Aes()
    {
        if (_threadAes is { } cached && ReferenceEquals(cached.Owner, this))
        {
            return cached.Aes;
        }

        _threadAes?.Aes.Dispose();
        var aes = new AesGcm(_key, TagSize);
        _threadAes = (this, aes);
        return aes;
    }

    /// <summary><c>{key id}:{base64}</c>, formatted on the stack for short values.</summary>
    private string Stored(ReadOnlySpan<byte> sealedBytes)
    {
        var length = KeyId.Length + 1 + ((sealedBytes.Length + 2) / 3 * 4);
        Span<char> chars = length <= 1024 ? stackalloc char[length] : new char[length];
        KeyId.AsSpan().CopyTo(chars);
        chars[KeyId.Length] = ':';
        Convert.TryToBase64Chars(sealedBytes, chars[(KeyId.Length + 1)..], out _);
        return new string(chars);
    }

    private static string IdOf(byte[] key) => Convert.ToHexStringLower(SHA256.HashData(key))[..8];

    private static byte[] Decode(string? base64, string setting)
    {
        try
        {
            var key = Convert.FromBase64String(base64 ?? "");
            return key.Length == 32 ? key : throw new InvalidOperationException($"{setting} must be 32 bytes in base64 (e.g. `openssl rand -base64 32`); it is {key.Length} bytes.");
        }
        catch (FormatException)
        {
            throw new InvalidOperationException($"{setting} is not valid base64 (generate one with `openssl rand -base64 32`).");
        }
    }

    private static byte[] LoadOrCreateKeyFile(string path)
    {
        if (!File.Exists(path))
        {
            var created = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
            try
            {
                var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
                if (!OperatingSystem.IsWindows())
                {
                    // Readable by the service's own user only.
                    options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
                }

                using var file = new FileStream(path, options);
                file.Write(Encoding.ASCII.GetBytes(created));
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another process created it first; use theirs.
            }
        }

        return Decode(File.ReadAllText(path).Trim(), path);
    }
}
