using System.Net;

namespace Relaybox.Smtp.Server;

/// <summary>
/// Counts open sessions in total and per client address, so one device (or a flood) cannot take every slot.
/// The per-address table holds at most one entry per open session: it is bounded by the total limit.
/// </summary>
internal sealed class SessionLimiter
{
    private readonly Dictionary<IPAddress, int> _perAddress = [];
    private readonly Lock _lock = new();
    private int _total;

    public int Total
    {
        get
        {
            lock (_lock)
            {
                return _total;
            }
        }
    }

    public bool TryEnter(IPAddress address, int maxTotal, int maxPerAddress)
    {
        lock (_lock)
        {
            _perAddress.TryGetValue(address, out int current);
            if (_total >= maxTotal || current >= maxPerAddress)
            {
                return false;
            }

            _perAddress[address] = current + 1;
            _total++;
            return true;
        }
    }

    public void Exit(IPAddress address)
    {
        lock (_lock)
        {
            _total--;
            if (_perAddress.TryGetValue(address, out int current) && current > 1)
            {
                _perAddress[address] = current - 1;
            }
            else
            {
                _perAddress.Remove(address);
            }
        }
    }
}
