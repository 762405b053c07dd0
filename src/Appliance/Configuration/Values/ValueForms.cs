using Relaybox.Appliance.Configuration.Options;
using Relaybox.Appliance.Configuration.Schema;

namespace Relaybox.Appliance.Configuration.Values;

/// <summary>The accepted forms of a key's value, as error messages and the reference documentation state them.</summary>
public static class ValueForms
{
    public static string Describe(ConfigKey key) => key.Type switch
    {
        ConfigValueType.Bool => BoolValue.Forms,
        ConfigValueType.Count => CountValue.Forms(key.Minimum, key.Maximum),
        ConfigValueType.Size => SizeValue.Forms(key.Minimum, key.Maximum),
        ConfigValueType.Duration => DurationValue.Forms(key.Minimum, key.Maximum),
        ConfigValueType.Endpoint => EndpointValue.Forms,
        ConfigValueType.NetworkList => NetworkListValue.Forms,
        ConfigValueType.RestrictionList => WordListValue.Forms(ConfigWords.Restrictions, list: true),
        ConfigValueType.MechanismList => WordListValue.Forms(ConfigWords.Mechanisms, list: true),
        ConfigValueType.SecurityOptionList => WordListValue.Forms(ConfigWords.SecurityOptions, list: true),
        ConfigValueType.TlsSecurityLevel => WordListValue.Forms(ConfigWords.TlsSecurityLevels, list: false) + ", or empty for automatic",
        ConfigValueType.TlsVersion => WordListValue.Forms(ConfigWords.TlsVersions, list: false),
        ConfigValueType.LogLevel => WordListValue.Forms(ConfigWords.LogLevels, list: false),
        ConfigValueType.RelayHost => key == ConfigSchema.FallbackRelay ? RelayHostValue.HostForms + ", or empty" : RelayHostValue.Forms,
        ConfigValueType.FingerprintList => FingerprintListValue.Forms,
        ConfigValueType.MailAddress => MailAddressValue.Forms + ", or empty",
        ConfigValueType.GpioLine => GpioLineValue.Forms,
        ConfigValueType.HostName => HostNameValue.Forms + ", or empty",
        ConfigValueType.Path => "a file or directory path",
        ConfigValueType.DnsServerList => DnsServerListValue.Forms + ", or empty",
        ConfigValueType.DomainList => DomainListValue.Forms + ", or empty",
        ConfigValueType.SenderMap => SenderMapValue.Forms,
        _ => "text",
    };
}
