using System.Buffers;

namespace Relaybox.Smtp.Delivery.Client;

/// <summary>
/// Turns message content into the DATA stream of RFC 5321 section 4.5.2: a "." that starts a line is
/// doubled, and the content ends with CRLF "." CRLF (a CRLF is added when the content does not end with one).
/// Line ends: the queue stores CRLF-only content (the server refuses bare CR and LF), so this normally
/// copies bytes unchanged. Content from anywhere else may hold a bare LF or CR; sending it would break
/// RFC 5321 section 2.3.8, and refusing would strand an already accepted message, so each bare LF and bare
/// CR is sent as CRLF (as sendmail's and Postfix's local submission do with LF).
/// </summary>
public sealed class DotStuffer
{
    private bool _atLineStart = true;
    private bool _pendingCr;

    /// <summary>Encodes the next chunk of content; state carries across chunk boundaries.</summary>
    public void Write(ReadOnlySpan<byte> content, IBufferWriter<byte> output)
    {
        int copyFrom = 0;
        for (int i = 0; i < content.Length; i++)
        {
            byte b = content[i];
            if (_pendingCr)
            {
                _pendingCr = false;
                if (b == (byte)'\n')
                {
                    copyFrom = i + 1; // the CRLF was written when the CR was seen
                    continue;
                }

                // A bare CR: already written as CRLF; this byte starts a new line.
            }

            if (b == (byte)'\r')
            {
                output.Write(content[copyFrom..i]);
                output.Write("\r\n"u8);
                copyFrom = i + 1;
                _pendingCr = true;
                _atLineStart = true;
                continue;
            }

            if (b == (byte)'\n')
            {
                // A bare LF (a CRLF's LF was skipped above).
                output.Write(content[copyFrom..i]);
                output.Write("\r\n"u8);
                copyFrom = i + 1;
                _atLineStart = true;
                continue;
            }

            if (_atLineStart && b == (byte)'.')
            {
                // RFC 5321 section 4.5.2: the client doubles a leading period.
                output.Write(content[copyFrom..i]);
                output.Write("."u8);
                copyFrom = i;
            }

            _atLineStart = false;
        }

        output.Write(content[copyFrom..]);
    }

    /// <summary>Ends the data: a CRLF if the last line lacked one, then "." CRLF.</summary>
    public void Finish(IBufferWriter<byte> output)
    {
        output.Write(_atLineStart ? ".\r\n"u8 : "\r\n.\r\n"u8);
        _atLineStart = true;
        _pendingCr = false;
    }
}
