using System.Security.Cryptography;
using System.Text;

namespace Relaybox.Smtp.Auth;

/// <summary>
/// Remembers recent successful PLAIN/LOGIN checks so that a printer or cron job logging in for every
/// message does not pay PBKDF2 each time (the idea of Dovecot's auth_cache). It holds, per login, only
/// HMAC-SHA256(process-random key, login NUL password): useless outside this process, never written to
/// disk. A wrong password is never stored; a new user database starts with an empty cache.
/// </summary>
public sealed class VerifiedLoginCache
{
    /// <summary>Default capacity: far more devices than a home or small-office relay serves (Dovecot's default cache is 10 MB; this is ~100 KB).</summary>
    public const int DefaultCapacity = 1024;

    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);
    private readonly Dictionary<string, byte[]> _tags = new(StringComparer.Ordinal);
    private readonly Queue<string> _insertionOrder = new();
    private readonly Lock _lock = new();
    private readonly int _capacity;
    private long _hits;

    public VerifiedLoginCache(int capacity = DefaultCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _capacity = capacity;
    }

    /// <summary>How many logins are remembered.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _tags.Count;
            }
        }
    }

    /// <summary>How many checks the cache answered without a key derivation.</summary>
    public long Hits => Interlocked.Read(ref _hits);

    /// <summary>True when this exact login and password were verified before.</summary>
    public bool IsRemembered(string login, ReadOnlySpan<byte> password)
    {
        byte[] tag = Tag(login, password);
        bool hit;
        lock (_lock)
        {
            hit = _tags.TryGetValue(login, out byte[]? remembered) && CryptographicOperations.FixedTimeEquals(remembered, tag);
        }

        if (hit)
        {
            Interlocked.Increment(ref _hits);
        }

        return hit;
    }

    /// <summary>Records a login and password that were just verified; evicts the oldest entry when full.</summary>
    public void Remember(string login, ReadOnlySpan<byte> password)
    {
        byte[] tag = Tag(login, password);
        lock (_lock)
        {
            if (_tags.ContainsKey(login))
            {
                _tags[login] = tag;
                return;
            }

            if (_tags.Count >= _capacity)
            {
                _tags.Remove(_insertionOrder.Dequeue());
            }

            _tags.Add(login, tag);
            _insertionOrder.Enqueue(login);
        }
    }

    private byte[] Tag(string login, ReadOnlySpan<byte> password)
    {
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, _key);
        hmac.AppendData(Encoding.UTF8.GetBytes(login));
        hmac.AppendData([0]);
        hmac.AppendData(password);
        return hmac.GetHashAndReset();
    }
}
