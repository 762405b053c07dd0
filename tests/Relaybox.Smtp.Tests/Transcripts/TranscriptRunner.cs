using System.Globalization;
using System.Net;
using System.Text;
using Relaybox.Smtp.Protocol;
using Relaybox.Smtp.Server;
using Relaybox.Smtp.Tests.Server;

namespace Relaybox.Smtp.Tests.Transcripts;

/// <summary>
/// Plays a transcript file. Settings lines come first ("@kind submission", "@max_recipients 2", ...), then:
/// <code>
/// c: EHLO x          client sends the line and CRLF (escapes \r \n \t \0 \\ allowed)
/// c~ a\n.\n          client sends the raw bytes, nothing appended
/// c= 2000            client sends that many 'a' octets
/// s: 250-PIPELINING  next server line starts with this
/// r: 250             read a whole (multi-line) reply; its first line starts with this
/// has: STARTTLS      the last whole reply has a line "NNN-STARTTLS..." / "NNN STARTTLS..."
/// lacks: AUTH        ... and has no such line
/// tls                client starts TLS (after "220 2.0.0")
/// closed             the server closed the connection
/// mark / writes: 1   count the server's writes from the mark
/// committed: 1       messages committed so far
/// message-has: text  the last committed message contains the text
/// message-lacks: t   ... and does not
/// from: a@b          the last committed envelope's sender
/// rcpts: a@b c@d     ... and recipients
/// </code>
/// </summary>
internal static class TranscriptRunner
{
    public static async Task RunAsync(string path)
    {
        var lines = await File.ReadAllLinesAsync(path);
        var spool = new InMemorySpool();
        var policy = new PermitMyNetworksPolicy();
        int lockAfter = int.MaxValue;
        var kind = SmtpSessionKind.Smtp;
        var client = IPAddress.Loopback;
        var settings = TestServers.Settings(policy);
        var limits = new SmtpLimits();
        int index = 0;
        for (; index < lines.Length && (lines[index].StartsWith('@') || IsSkippable(lines[index])); index++)
        {
            if (IsSkippable(lines[index]))
            {
                continue;
            }

            var (name, value) = Split(lines[index][1..], ' ');
            switch (name)
            {
                case "kind": kind = Enum.Parse<SmtpSessionKind>(value, ignoreCase: true); break;
                case "client": client = IPAddress.Parse(value); break;
                case "auth_only": settings = settings with { AuthOnlyOverTls = value == "yes" }; break;
                case "mechanisms": settings = settings with { AuthMechanisms = value.Split(' ') }; break;
                case "noplaintext": settings = settings with { NoPlaintext = true }; break;
                case "broken_clients": settings = settings with { BrokenAuthClients = true }; break;
                case "authenticated_header": settings = settings with { AuthenticatedHeader = true }; break;
                case "certificate": settings = settings with { CertificateSource = static () => TestCertificates.ServerCertificate }; break;
                case "commit_fails": spool.CommitFailure = new IOException("No space left on device"); break;
                case "create_fails": spool.CreateFailure = new IOException("Read-only file system"); break;
                case "write_fails_after": spool.WriteFailure = new IOException("No space left on device"); spool.WriteFailsAfter = long.Parse(value, CultureInfo.InvariantCulture); break;
                case "lockout": lockAfter = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "max_recipients": limits = limits with { MaxRecipients = int.Parse(value, CultureInfo.InvariantCulture) }; break;
                case "message_size_limit": limits = limits with { MaxMessageSize = long.Parse(value, CultureInfo.InvariantCulture) }; break;
                case "max_errors": limits = limits with { MaxErrors = int.Parse(value, CultureInfo.InvariantCulture) }; break;
                case "max_line": limits = limits with { MaxCommandLineLength = int.Parse(value, CultureInfo.InvariantCulture) }; break;
                case "command_timeout_ms": limits = limits with { CommandTimeout = TimeSpan.FromMilliseconds(int.Parse(value, CultureInfo.InvariantCulture)) }; break;
                case "data_timeout_ms": limits = limits with { DataTimeout = TimeSpan.FromMilliseconds(int.Parse(value, CultureInfo.InvariantCulture)) }; break;
                default: throw new InvalidDataException($"{path}:{index + 1}: unknown setting {name}");
            }
        }

        var throttle = new RecordingThrottle { LockAfter = lockAfter };
        settings = settings with { Limits = limits, AuthThrottle = throttle };
        var server = TestServers.Create(settings, spool);
        var (serverEnd, clientEnd) = DuplexPipeStream.CreatePair();
        var session = server.HandleConnectionAsync(serverEnd, client, kind);
        await using var smtp = new SmtpTestClient(clientEnd);
        List<string> lastReply = [];
        int mark = 0;
        for (; index < lines.Length; index++)
        {
            string line = lines[index];
            if (IsSkippable(line))
            {
                continue;
            }

            string where = $"{Path.GetFileName(path)}:{index + 1}: {line}";
            var (op, arg) = SplitOperation(line);
            switch (op)
            {
                case "c:":
                    await smtp.SendAsync(Unescape(arg) + "\r\n");
                    break;
                case "c~":
                    await smtp.SendAsync(Unescape(arg));
                    break;
                case "c=":
                    await smtp.SendAsync(new string('a', int.Parse(arg, CultureInfo.InvariantCulture)));
                    break;
                case "s:":
                    var received = await smtp.ReadLineAsync();
                    Assert.True(received is not null && received.StartsWith(arg, StringComparison.Ordinal), $"{where}\n  got: {received ?? "<closed>"}");
                    lastReply = [received!];
                    break;
                case "r:":
                    lastReply = await smtp.ReadReplyAsync();
                    Assert.True(lastReply[0].StartsWith(arg, StringComparison.Ordinal), $"{where}\n  got: {string.Join(" | ", lastReply)}");
                    break;
                case "has:":
                    Assert.True(lastReply.Any(l => l.Length > 4 && l[4..].StartsWith(arg, StringComparison.Ordinal)), $"{where}\n  in: {string.Join(" | ", lastReply)}");
                    break;
                case "lacks:":
                    Assert.False(lastReply.Any(l => l.Length > 4 && l[4..].StartsWith(arg, StringComparison.Ordinal)), $"{where}\n  in: {string.Join(" | ", lastReply)}");
                    break;
                case "tls":
                    await smtp.StartTlsAsync();
                    break;
                case "closed":
                    var after = await smtp.ReadLineAsync();
                    Assert.True(after is null, $"{where}\n  got: {after}");
                    await session.WaitAsync(TimeSpan.FromSeconds(10));
                    break;
                case "mark":
                    mark = serverEnd.Writes;
                    break;
                case "writes:":
                    Assert.True(int.Parse(arg, CultureInfo.InvariantCulture) == serverEnd.Writes - mark, $"{where}\n  writes: {serverEnd.Writes - mark}");
                    break;
                case "committed:":
                    Assert.True(int.Parse(arg, CultureInfo.InvariantCulture) == spool.Committed.Count, $"{where}\n  committed: {spool.Committed.Count}");
                    break;
                case "message-has:":
                    Assert.Contains(Unescape(arg), Encoding.UTF8.GetString(spool.Committed.Last().Content));
                    break;
                case "message-lacks:":
                    Assert.DoesNotContain(Unescape(arg), Encoding.UTF8.GetString(spool.Committed.Last().Content));
                    break;
                case "from:":
                    Assert.Equal(arg, spool.Committed.Last().Envelope.ReversePath);
                    break;
                case "rcpts:":
                    Assert.Equal(arg.Split(' '), spool.Committed.Last().Envelope.Recipients.Select(r => r.Address));
                    break;
                case "auth-failures:":
                    Assert.Equal(int.Parse(arg, CultureInfo.InvariantCulture), throttle.Failures);
                    break;
                case "accepted:":
                    Assert.Equal(int.Parse(arg, CultureInfo.InvariantCulture), policy.AcceptedMessages);
                    break;
                default:
                    throw new InvalidDataException($"{where}: unknown operation");
            }
        }
    }

    private static bool IsSkippable(string line) => line.Length == 0 || line.StartsWith('#');

    private static (string, string) Split(string text, char separator)
    {
        int at = text.IndexOf(separator);
        return at < 0 ? (text, string.Empty) : (text[..at], text[(at + 1)..]);
    }

    private static (string Op, string Arg) SplitOperation(string line)
    {
        int space = line.IndexOf(' ');
        return space < 0 ? (line, string.Empty) : (line[..space], line[(space + 1)..]);
    }

    private static string Unescape(string text)
    {
        var result = new StringBuilder(text.Length);
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] != '\\' || i + 1 == text.Length)
            {
                result.Append(text[i]);
                continue;
            }

            char next = text[++i];
            result.Append(next switch
            {
                'r' => '\r',
                'n' => '\n',
                't' => '\t',
                '0' => '\0',
                '\\' => '\\',
                _ => throw new InvalidDataException("Unknown escape \\" + next),
            });
        }

        return result.ToString();
    }
}
