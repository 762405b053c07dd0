namespace Relaybox.Appliance.Configuration.Values;

/// <summary>What <see cref="ListValueParser"/> does with an entry that parses to a value already in the list.</summary>
public enum RepeatedEntries
{
    /// <summary>The list is refused: "\"x\" is listed twice". For lists where a repeat is a typo or a contradiction.</summary>
    Refused,

    /// <summary>The repeat is kept as written: harmless where the list only ever asks "is it in there?".</summary>
    Kept,
}
