namespace FailSmart.Client.Tests;

/// <summary>
/// xunit's entry point, written out so that the test assembly can also run as the child process that
/// <see cref="WriteAheadCrashTests"/> kills (<c>dotnet FailSmart.Client.Tests.dll write-ahead-probe …</c>).
/// </summary>
internal static class Program
{
    public static int Main(string[] args)
    {
        if (args is [WriteAheadProbe.Command, ..])
        {
            return WriteAheadProbe.Run(args[1..]);
        }

        return args.Any(arg => arg is "--server" or "--internal-msbuild-node")
            ? Xunit.MicrosoftTestingPlatform.TestPlatformTestFramework.RunAsync(args, SelfRegisteredExtensions.AddSelfRegisteredExtensions).GetAwaiter().GetResult()
            : Xunit.Runner.InProc.SystemConsole.ConsoleRunner.Run(args).GetAwaiter().GetResult();
    }
}
