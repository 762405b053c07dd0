namespace Relaybox.Smtp.Delivery.Rewriting;

/// <summary>How the header section of a message ended (RFC 5322 section 2.1).</summary>
public enum HeaderSectionEnd
{
    /// <summary>At the empty line that separates header fields from the body.</summary>
    EmptyLine,

    /// <summary>
    /// At a line that is neither a header field nor a continuation: the sender left out the empty line.
    /// The body starts with that line; a rewrite puts the missing separator in.
    /// </summary>
    BodyWithoutSeparator,

    /// <summary>The content ended inside the header section: a message with header fields and no body.</summary>
    EndOfContent,
}
