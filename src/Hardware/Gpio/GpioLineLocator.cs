using System.Globalization;

namespace Relaybox.Hardware.Gpio;

/// <summary>
/// Resolves the [gpio] keys to a chip path and an offset. <c>chip</c> is a chip label or a /dev/gpiochipN path, empty
/// = find the line by name on every chip; <c>line</c> is a line name ("GPIO17") or an offset ("17").
/// Rules: a name always wins over a number (a line may be named "17"); an offset needs a chip unless there is
/// exactly one, because on a board with several chips "17" alone does not say which one; when several chips carry
/// the same label or name, the first in /dev/gpiochipN order is taken, as libgpiod does.
/// </summary>
public sealed class GpioLineLocator
{
    private readonly IGpioChipCatalog _catalog;
    private IReadOnlyList<GpioChipDescription>? _chips;

    public GpioLineLocator(IGpioChipCatalog catalog)
    {
        _catalog = catalog;
    }

    /// <summary>A locator over this machine's /dev/gpiochip* devices.</summary>
    public static GpioLineLocator ForSystem() => new(new SystemGpioChipCatalog());

    /// <summary>Looks the line up; the catalog is read once per locator, so locate all lines with one instance.</summary>
    public GpioLineLookup Locate(string? chip, string line)
    {
        string wantedLine = line.Trim();
        if (wantedLine.Length == 0)
        {
            return GpioLineLookup.NotFound("no line given");
        }

        IReadOnlyList<GpioChipDescription> chips = _chips ??= _catalog.Chips();
        if (chips.Count == 0)
        {
            return GpioLineLookup.NotFound("this machine has no GPIO chips (no readable /dev/gpiochip*)");
        }

        string wantedChip = chip?.Trim() ?? "";
        if (wantedChip.Length == 0)
        {
            return LocateOnAnyChip(chips, wantedLine);
        }

        GpioChipDescription? selected = SelectChip(chips, wantedChip);
        if (selected is null)
        {
            string what = wantedChip.StartsWith('/') ? $"no GPIO chip at {wantedChip}" : $"no GPIO chip labelled '{wantedChip}'";
            return GpioLineLookup.NotFound($"{what} (chips: {List(chips)})");
        }

        return LocateOnChip(selected, wantedLine);
    }

    private static GpioChipDescription? SelectChip(IReadOnlyList<GpioChipDescription> chips, string wanted) =>
        wanted.StartsWith('/')
            ? chips.FirstOrDefault(chip => string.Equals(chip.Path, wanted, StringComparison.Ordinal))
            : chips.FirstOrDefault(chip => string.Equals(chip.Label, wanted, StringComparison.Ordinal));

    private static GpioLineLookup LocateOnAnyChip(IReadOnlyList<GpioChipDescription> chips, string line)
    {
        foreach (GpioChipDescription chip in chips)
        {
            int offset = OffsetOfName(chip, line);
            if (offset >= 0)
            {
                return GpioLineLookup.Found(chip.Path, offset);
            }
        }

        if (TryParseOffset(line, out _))
        {
            return chips.Count == 1
                ? LocateOnChip(chips[0], line)
                : GpioLineLookup.NotFound($"line {line} is an offset, and with several chips it needs [gpio] chip to say which (chips: {List(chips)})");
        }

        return GpioLineLookup.NotFound($"no GPIO chip has a line named {line} (chips: {List(chips)})");
    }

    private static GpioLineLookup LocateOnChip(GpioChipDescription chip, string line)
    {
        int named = OffsetOfName(chip, line);
        if (named >= 0)
        {
            return GpioLineLookup.Found(chip.Path, named);
        }

        if (!TryParseOffset(line, out int offset))
        {
            return GpioLineLookup.NotFound($"{Describe(chip)} has no line named {line}");
        }

        return offset < chip.LineNames.Count
            ? GpioLineLookup.Found(chip.Path, offset)
            : GpioLineLookup.NotFound($"{Describe(chip)} has lines 0-{chip.LineNames.Count - 1}; there is no line {offset}");
    }

    private static int OffsetOfName(GpioChipDescription chip, string name)
    {
        for (int offset = 0; offset < chip.LineNames.Count; offset++)
        {
            if (string.Equals(chip.LineNames[offset], name, StringComparison.Ordinal))
            {
                return offset;
            }
        }

        return -1;
    }

    private static bool TryParseOffset(string line, out int offset) =>
        int.TryParse(line, NumberStyles.None, CultureInfo.InvariantCulture, out offset);

    private static string Describe(GpioChipDescription chip) => $"{chip.Path} '{chip.Label}'";

    private static string List(IReadOnlyList<GpioChipDescription> chips) => string.Join(", ", chips.Select(Describe));
}
