using Relaybox.Smtp.Protocol;
using Relaybox.Smtp.Queue;

namespace Relaybox.Smtp.Server;

/// <summary>
/// One mail transaction (RFC 5321 section 3.3): from MAIL to the end of DATA or BDAT LAST, or RSET.
/// Owns the message being received by BDAT between chunks.
/// </summary>
internal sealed class MailTransaction : IAsyncDisposable
{
    public MailTransaction(MailParameters mail) => Mail = mail;

    public MailParameters Mail { get; }

    public List<EnvelopeRecipient> Recipients { get; } = [];

    /// <summary>The message BDAT chunks are appended to; null before the first chunk.</summary>
    public IncomingMessage? ChunkedMessage { get; set; }

    /// <summary>Client octets received by BDAT so far (RFC 3030 section 4: the size limit applies across chunks).</summary>
    public long ChunkedSize { get; set; }

    public bool UsesBdat => ChunkedMessage is not null;

    public async ValueTask DisposeAsync()
    {
        if (ChunkedMessage is not null)
        {
            await ChunkedMessage.DisposeAsync();
            ChunkedMessage = null;
        }
    }
}
