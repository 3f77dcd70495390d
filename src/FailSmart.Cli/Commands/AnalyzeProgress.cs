using Spectre.Console;

namespace FailSmart.Cli.Commands;

/// <summary>
/// A progress bar on the error stream, so --json output stays clean. Only on a terminal: written to a pipe or
/// a file, Spectre's fallback prints progress lines on a timer, which would mix noise into logs and error text.
/// </summary>
internal static class AnalyzeProgress
{
    public static Task<T> RunAsync<T>(TextWriter error, Func<IProgress<(int Done, int Total)>, Task<T>> work)
    {
        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(error) });
        if (!console.Profile.Capabilities.Interactive)
        {
            return work(new Progress<(int Done, int Total)>());
        }

        return console.Progress().AutoClear(true).HideCompleted(false).StartAsync(async context =>
        {
            ProgressTask task = context.AddTask("Analysing", maxValue: 1);
            var progress = new Progress<(int Done, int Total)>(p =>
            {
                task.MaxValue = p.Total;
                task.Value = p.Done;
            });
            T result = await work(progress);
            task.Value = task.MaxValue;
            return result;
        });
    }
}
