namespace Relaybox.Smtp.Auth;

/// <summary>The user file cannot be read as written; <see cref="Line"/> points at the offending line (1-based).</summary>
public sealed class UserFileException(string message, int line, string? path = null)
    : Exception(path is null ? $"line {line}: {message}" : $"{path}:{line}: {message}")
{
    public int Line { get; } = line;

    public string? Path { get; } = path;

    /// <summary>What is wrong, without the location.</summary>
    public string Problem { get; } = message;
}
