using System.Text;
using Relaybox.Appliance.Configuration.Ini;
using Relaybox.Appliance.Configuration.Options;
using Relaybox.Appliance.Configuration.Validation;

namespace Relaybox.Appliance.Configuration;

/// <summary>
/// Reads relaybox.ini: syntax, unknown keys (with "did you mean"), values, then checks across keys. All
/// findings are values in <see cref="ConfigLoadResult.Diagnostics"/>; only an unreadable file is reported as such.
/// </summary>
public static class ConfigLoader
{
    /// <summary>relaybox.ini is a few kilobytes; anything this large is the wrong file.</summary>
    public const int MaxFileBytes = 1024 * 1024;

    public const string DefaultPath = "/etc/relaybox/relaybox.ini";

    public static ConfigLoadResult Load(string path) => Load(path, checkReferencedFiles: false);

    /// <summary>
    /// Reads and checks a file. With <paramref name="checkReferencedFiles"/> the files it names are also looked at
    /// (existence, the password file's mode; never their contents).
    /// </summary>
    public static ConfigLoadResult Load(string path, bool checkReferencedFiles)
    {
        if (!TryReadText(path, out string text, out string? problem))
        {
            return new ConfigLoadResult(null, [ConfigDiagnostic.Error(path, 0, problem!)]);
        }

        return Check(IniDocument.Parse(text, path), checkReferencedFiles);
    }

    /// <summary>Checks and binds INI text; <paramref name="fileName"/> names it in diagnostics and anchors relative paths.</summary>
    public static ConfigLoadResult Parse(string text, string fileName) => Check(IniDocument.Parse(text, fileName));

    /// <summary>Checks and binds a parsed (possibly edited) document.</summary>
    public static ConfigLoadResult Check(IniDocument document) => Check(document, checkReferencedFiles: false);

    private static ConfigLoadResult Check(IniDocument document, bool checkReferencedFiles)
    {
        var diagnostics = new List<ConfigDiagnostic>(document.Check());
        UnknownKeyCheck.Run(document, diagnostics);
        string configDirectory = Path.GetDirectoryName(Path.GetFullPath(document.FileName)) ?? "/";
        RelayboxConfig config = new ConfigBinder(document, configDirectory, diagnostics).Bind();
        new CrossKeyCheck(document, config, diagnostics).Run();
        if (checkReferencedFiles)
        {
            new ReferencedFileCheck(document, config, diagnostics).Run();
        }

        ConfigDiagnostic[] ordered = diagnostics
            .OrderBy(d => d.Line == 0 ? int.MaxValue : d.Line)
            .ThenBy(d => d.Severity)
            .ToArray();
        bool hasErrors = ordered.Any(d => d.IsError);
        return new ConfigLoadResult(hasErrors ? null : config, ordered);
    }

    /// <summary>Reads a config file as UTF-8, keeping a byte-order mark so that a rewrite gives back the same bytes.</summary>
    internal static bool TryReadText(string path, out string text, out string? problem)
    {
        text = "";
        problem = null;
        try
        {
            var info = new FileInfo(path);
            if (info.Exists && info.Length > MaxFileBytes)
            {
                problem = $"is larger than {MaxFileBytes} bytes; is it the right file?";
                return false;
            }

            byte[] bytes = File.ReadAllBytes(path);
            text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes);
            return true;
        }
        catch (DecoderFallbackException)
        {
            problem = "is not UTF-8 text";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problem = "cannot be read: " + e.Message;
        }

        return false;
    }
}
