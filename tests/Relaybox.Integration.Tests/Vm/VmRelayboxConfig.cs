namespace Relaybox.Integration.Tests.Vm;

/// <summary>The relaybox.ini the VM tests run the daemon with: loopback listeners, no delivery, the board's [gpio] pins.</summary>
public static class VmRelayboxConfig
{
    public const string DataDirectory = "/var/lib/relaybox";

    /// <param name="setUp">
    /// True: a box its owner has set up (delivery on through a smarthost, a LAN allowed to relay), so the status
    /// LED shows "serving"; false: delivery off, which relaybox shows as "setup needed".
    /// </param>
    public static string WithGpio(bool setUp = false) => $"""
        [server]
        hostname = relay.test
        data_dir = {DataDirectory}
        mynetworks = 127.0.0.0/8, ::1/128{(setUp ? ", 192.168.7.0/24" : "")}

        [listen]
        smtp = 127.0.0.1:25
        submission = 127.0.0.1:587
        smtps =

        [queue]
        deliver = {(setUp ? "yes" : "no")}

        [relay]
        relayhost = {(setUp ? "[127.0.0.1]:2525" : "")}
        tls_security_level = {(setUp ? "none" : "")}

        [gpio]
        chip = relaybox-test
        led_status = {GpioVm.StatusLed}
        led_activity = {GpioVm.ActivityLed}
        led_error = {GpioVm.ErrorLed}
        button = {GpioVm.Button}
        button_active_low = yes

        """;
}
