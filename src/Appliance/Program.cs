using Relaybox.Appliance.Cli;

// Wiring only: the verbs live in Cli/, the daemon in Hosting/.
return await CommandLine.RunAsync(args, Console.Out, Console.Error);
