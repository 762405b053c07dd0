using Relaybox.Appliance.Configuration.Schema;
using Relaybox.Appliance.Console.Editing;

namespace Relaybox.Appliance.Console.Prompts;

/// <summary>
/// Asks for one config value the way <c>relaybox config check</c> judges it: an error is named and the question asked
/// again; a warning (a public network among the trusted ones, a hostname smarthosts refuse) is named and the answer
/// kept only when the operator says so, because on a dumb serial terminal a note printed after the apply is easily
/// missed, and a public network in mynetworks lets strangers send mail through the box.
/// </summary>
public static class ConfigQuestion
{
    /// <param name="normalise">Turns a typed shorthand into the value ("none" into loopback only, "off" into empty).</param>
    /// <param name="refuse">A check of the console's own before the config's, e.g. "an address is needed" for an empty answer.</param>
    /// <returns>The value, normalised, that the draft should take.</returns>
    public static string Ask(Questions ask, ConfigDraft draft, ConfigKey key, string label, string? suggested,
        Func<string, string>? normalise = null, Func<string, string?>? refuse = null)
    {
        normalise ??= static answer => answer;
        while (true)
        {
            string answer = normalise(ask.Ask(label, suggested, typed => refuse?.Invoke(typed) ?? draft.ProblemWith(key, normalise(typed))));
            var warnings = draft.WarningsWith(key, answer);
            if (warnings.Count == 0)
            {
                return answer;
            }

            foreach (string warning in warnings)
            {
                ask.Terminal.Problem(warning);
            }

            if (ask.Confirm("Keep it anyway?", suggested: false))
            {
                return answer;
            }
        }
    }
}
