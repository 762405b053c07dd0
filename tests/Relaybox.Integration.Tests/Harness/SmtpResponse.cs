namespace Relaybox.Integration.Tests.Harness;

/// <summary>One reply, possibly multi-line: "250-first", "250 last".</summary>
public sealed record SmtpResponse(IReadOnlyList<string> Lines)
{
    public int Code => int.Parse(Lines[^1].AsSpan(0, 3));

    public string Text => string.Join("\n", Lines);

    public bool HasKeyword(string keyword) =>
        Lines.Any(l => l.Length > 4 && l[4..].Split(' ')[0].Equals(keyword, StringComparison.OrdinalIgnoreCase));

    public override string ToString() => Text;
}
