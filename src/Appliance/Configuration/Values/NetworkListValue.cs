using System.Globalization;
using System.Net;

namespace Relaybox.Appliance.Configuration.Values;

/// <summary>
/// CIDR networks, comma and/or whitespace separated. A bare address is that one host (/32 or /128). Host bits set
/// after the prefix ("192.168.1.1/24") are an error naming the network that was probably meant; Postfix only
/// warns, but a typo in mynetworks decides who may relay, so relaybox refuses to guess.
/// </summary>
public static class NetworkListValue
{
    /// <summary>A home network needs a handful; the bound keeps per-connection matching cheap.</summary>
    public const int MaxEntries = 256;

    public const string Forms = "networks in CIDR form (e.g. 192.168.0.0/24, fd00::/8) or single addresses, separated by commas or spaces";

    /// <summary>Repeats are kept: a network listed twice admits the same clients, as in Postfix.</summary>
    public static bool TryParse(string text, out IReadOnlyList<IPNetwork> networks, out string? problem) =>
        ListValueParser.TryParseEach(
            text, MaxEntries, count => $"has {count} entries; at most {MaxEntries} are allowed",
            RepeatedEntries.Kept, TryParseOne, out networks, out problem);

    public static bool TryParseOne(string entry, out IPNetwork network, out string? problem)
    {
        problem = null;
        if (!entry.Contains('/') && IPAddress.TryParse(entry, out IPAddress? single))
        {
            network = new IPNetwork(single, single.GetAddressBytes().Length * 8);
            return true;
        }

        int slash = entry.IndexOf('/');
        if (slash <= 0
            || !IPAddress.TryParse(entry[..slash], out IPAddress? address)
            || !int.TryParse(entry[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out int prefix)
            || prefix > address.GetAddressBytes().Length * 8)
        {
            network = default;
            problem = $"\"{entry}\" is not an address or CIDR network";
            return false;
        }

        IPAddress masked = Masked(address, prefix);
        if (!masked.Equals(address))
        {
            network = default;
            problem = $"\"{entry}\" has host bits set after the /{prefix} prefix; did you mean \"{masked}/{prefix}\"?";
            return false;
        }

        network = new IPNetwork(masked, prefix);
        return true;
    }

    private static IPAddress Masked(IPAddress address, int prefix)
    {
        byte[] bytes = address.GetAddressBytes();
        for (int bit = prefix; bit < bytes.Length * 8; bit++)
        {
            bytes[bit / 8] &= (byte)~(0x80 >> (bit % 8));
        }

        return new IPAddress(bytes);
    }
}
