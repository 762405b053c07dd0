using System.Net;
using System.Text;
using Relaybox.Smtp.Protocol;
using Relaybox.Smtp.Server;

namespace Relaybox.Smtp.Tests.Server;

/// <summary>
/// Fuzzing by mutation: plausible sessions with bytes inserted, dropped and split at random. Whatever arrives, the
/// parser must not throw and a session must end cleanly when the client goes away.
/// </summary>
public class MutatedSessionTests
{
    private static readonly string[] Vocabulary =
    [
        "EHLO client.test\r\n", "HELO x\r\n", "MAIL FROM:<a@lan.test> SIZE=100 BODY=8BITMIME\r\n", "RCPT TO:<b@example.net> NOTIFY=SUCCESS\r\n",
        "DATA\r\n", "Subject: x\r\n\r\nbody\r\n.\r\n", "BDAT 4\r\nabcd", "BDAT 2 LAST\r\nef", "RSET\r\n", "NOOP\r\n", "VRFY x\r\n",
        "AUTH PLAIN\r\n", "AUTH PLAIN AGFsaWNlAHNlY3JldA==\r\n", "*\r\n", "STARTTLS\r\n", "HELP\r\n", "\r\n", ".\r\n", "..\r\n",
    ];

    private static readonly string[] Mutations = ["\n", "\r", "\0", ".", " ", "<", ">", "=", ":", "\u00e9", "\r\n.\r\n", new string('x', 3000)];

    [Fact]
    public void ParserNeverThrowsOnRandomLines()
    {
        var random = new Random(5321);
        for (int i = 0; i < 20000; i++)
        {
            var line = new byte[random.Next(0, 80)];
            random.NextBytes(line);
            if (i % 2 == 0 && line.Length > 5)
            {
                Encoding.ASCII.GetBytes(Vocabulary[random.Next(8)])[..4].CopyTo(line, 0);
                line[4] = (byte)' ';
            }

            var command = SmtpCommandParser.Parse(line);
            if (!command.IsValid)
            {
                // Every refusal has a permanent reply; the mapping must know each reason the parser returns.
                Assert.InRange(Replies.For(command.Error).Code, 500, 599);
            }
            else if (command.Verb == SmtpVerb.Unknown)
            {
                Assert.Fail("a valid command must have a verb");
            }
        }
    }

    [Fact]
    public async Task MutatedSessionsEndCleanlyWhenTheClientLeaves()
    {
        var random = new Random(2920);
        for (int run = 0; run < 150; run++)
        {
            var script = new StringBuilder();
            for (int i = random.Next(1, 25); i > 0; i--)
            {
                string piece = Vocabulary[random.Next(Vocabulary.Length)];
                if (random.Next(3) == 0)
                {
                    int at = random.Next(piece.Length + 1);
                    piece = random.Next(2) == 0
                        ? piece.Insert(at, Mutations[random.Next(Mutations.Length)])
                        : piece.Remove(Math.Min(at, piece.Length - 1), 1);
                }

                script.Append(piece);
            }

            var spool = new InMemorySpool();
            var settings = TestServers.Settings() with { AuthOnlyOverTls = random.Next(2) == 0, Limits = new() { MaxErrors = 1000 } };
            var server = TestServers.Create(settings, spool);
            var (serverEnd, clientEnd) = DuplexPipeStream.CreatePair();
            var session = server.HandleConnectionAsync(serverEnd, IPAddress.Loopback, (SmtpSessionKind)random.Next(2));
            var reader = Task.Run(async () =>
            {
                // Keep reading so the server never blocks on a full pipe.
                var sink = new byte[4096];
                while (await clientEnd.ReadAsync(sink) > 0)
                {
                }
            });
            var bytes = Encoding.UTF8.GetBytes(script.ToString());
            for (int offset = 0; offset < bytes.Length;)
            {
                int size = Math.Min(bytes.Length - offset, random.Next(1, 64));
                await clientEnd.WriteAsync(bytes.AsMemory(offset, size));
                offset += size;
            }

            clientEnd.CompleteWrites();
            await session.WaitAsync(TimeSpan.FromSeconds(10));
            await reader.WaitAsync(TimeSpan.FromSeconds(10));
            clientEnd.Dispose();
            Assert.Equal(0, server.SessionCount);
            Assert.All(spool.Committed, c => Assert.NotEmpty(c.Envelope.Recipients));
        }
    }
}
