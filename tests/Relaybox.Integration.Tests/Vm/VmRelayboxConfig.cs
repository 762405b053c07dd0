namespace Relaybox.Integration.Tests.Vm;

/// <summary>The relaybox.ini the VM tests run the daemon with: loopback listeners, no delivery, the board's [gpio] pins.</summary>
public static class VmRelayboxConfig
{
    public const string DataDirectory = "/var/lib/relaybox";

    public static string WithGpio() => $"""
        [server]
        hostname = relay.test
        data_dir = {DataDirectory}
        mynetworks = 127.0.0.0/8, ::1/128

        [listen]
        smtp = 127.0.0.1:25
        submission = 127.0.0.1:587
        smtps =

        [queue]
        deliver = no

        [gpio]
        chip = relaybox-test
        led_status = {GpioVm.StatusLed}
        led_activity = {GpioVm.ActivityLed}
        led_error = {GpioVm.ErrorLed}
        button = {GpioVm.Button}
        button_active_low = yes

        """;
}
