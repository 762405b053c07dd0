using System.Collections.Concurrent;
using Relaybox.Smtp.Queue;

namespace Relaybox.Smtp.Tests.Server;

/// <summary>A spool that keeps committed messages in memory and counts the ones discarded.</summary>
internal sealed class InMemorySpool : IMessageSpool
{
    private int _next;

    public ConcurrentQueue<(Envelope Envelope, byte[] Content)> Committed { get; } = new();

    public int Discarded;

    /// <summary>When set, CommitAsync throws this (a full disk, say).</summary>
    public Exception? CommitFailure { get; set; }

    /// <summary>When set, WriteAsync throws this once the message holds more than <see cref="WriteFailsAfter"/> octets.</summary>
    public Exception? WriteFailure { get; set; }

    public long WriteFailsAfter { get; set; }

    /// <summary>When set, Create throws this.</summary>
    public Exception? CreateFailure { get; set; }

    public IncomingMessage Create() => CreateFailure is { } failure ? throw failure : new InMemoryMessage(this, "Q" + Interlocked.Increment(ref _next).ToString("D4", System.Globalization.CultureInfo.InvariantCulture));

    private sealed class InMemoryMessage(InMemorySpool spool, string id) : IncomingMessage
    {
        private readonly MemoryStream _content = new();
        private bool _committed;

        public override string Id => id;

        public override long Length => _content.Length;

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
        {
            if (spool.WriteFailure is { } failure && _content.Length + content.Length > spool.WriteFailsAfter)
            {
                throw failure;
            }

            _content.Write(content.Span);
            return ValueTask.CompletedTask;
        }

        public override ValueTask CommitAsync(Envelope envelope, CancellationToken cancellationToken)
        {
            if (spool.CommitFailure is { } failure)
            {
                throw failure;
            }

            _committed = true;
            spool.Committed.Enqueue((envelope, _content.ToArray()));
            return ValueTask.CompletedTask;
        }

        public override ValueTask DisposeAsync()
        {
            if (!_committed)
            {
                Interlocked.Increment(ref spool.Discarded);
            }

            _committed = true; // count a discard once
            return ValueTask.CompletedTask;
        }
    }
}
