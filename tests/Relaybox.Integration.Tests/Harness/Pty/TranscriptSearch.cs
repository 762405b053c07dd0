using System.Text.RegularExpressions;

namespace Relaybox.Integration.Tests.Harness.Pty;

/// <summary>
/// One look at the transcript: the match (null if none yet), the text it consumed, whether output has ended,
/// and a task that completes when more output (or its end) arrives.
/// </summary>
public sealed record TranscriptSearch(Match? Match, string Consumed, bool OutputEnded, Task Changed);
