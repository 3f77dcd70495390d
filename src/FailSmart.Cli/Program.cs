using FailSmart.Cli;

return await CliApp.RunAsync(args);
