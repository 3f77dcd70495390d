using System.Globalization;

namespace FailSmart.LoadTests.Tests;

/// <summary>
/// xunit's entry point, written out so that the test assembly can also run as the load test's server process
/// (<c>serve PORT</c>), which <see cref="ServerProcess"/> starts from whatever program is running.
/// </summary>
internal static class Program
{
    public static int Main(string[] args)
    {
        if (args is ["serve", string port])
        {
            return OfrepSetup.RunAsync(int.Parse(port, CultureInfo.InvariantCulture), stopAtEndOfInput: true).GetAwaiter().GetResult();
        }

        return args.Any(arg => arg is "--server" or "--internal-msbuild-node")
            ? Xunit.MicrosoftTestingPlatform.TestPlatformTestFramework.RunAsync(args, SelfRegisteredExtensions.AddSelfRegisteredExtensions).GetAwaiter().GetResult()
            : Xunit.Runner.InProc.SystemConsole.ConsoleRunner.Run(args).GetAwaiter().GetResult();
    }
}
