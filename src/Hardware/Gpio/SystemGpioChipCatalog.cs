namespace Relaybox.Hardware.Gpio;

/// <summary>
/// Describes the chips under /dev by opening each one and reading its line names. A chip that cannot be opened
/// (permissions, driver gone) is left out and its error kept in <see cref="Unreadable"/> so a "not found" can say why.
/// </summary>
public sealed class SystemGpioChipCatalog : IGpioChipCatalog
{
    private readonly string _deviceDirectory;
    private readonly List<string> _unreadable = [];

    public SystemGpioChipCatalog(string deviceDirectory = GpioChipPaths.DeviceDirectory)
    {
        _deviceDirectory = deviceDirectory;
    }

    /// <summary>"path: error" for each chip the last <see cref="Chips"/> could not read.</summary>
    public IReadOnlyList<string> Unreadable => _unreadable;

    public IReadOnlyList<GpioChipDescription> Chips()
    {
        _unreadable.Clear();
        var chips = new List<GpioChipDescription>();
        foreach (string path in GpioChipPaths.List(_deviceDirectory))
        {
            try
            {
                using GpioChip chip = GpioChip.Open(path);
                var names = new string[chip.Info.LineCount];
                for (int offset = 0; offset < names.Length; offset++)
                {
                    names[offset] = chip.GetLineInfo(offset).Name;
                }

                chips.Add(new GpioChipDescription(path, chip.Info.Label, names));
            }
            catch (GpioException failure)
            {
                _unreadable.Add(failure.Message);
            }
        }

        return chips;
    }
}
