using Spectre.Console;

namespace FailSmart.Cli.Commands;

/// <summary>
/// The console every command's tables are written through. Its width is the terminal's when the output is a terminal,
/// so a table fits the window, and <see cref="RedirectedWidth"/> when the output goes to a file, a pipe or a test, so a
/// row of short values never wraps and grep finds it on one line. Long free text (a verdict's reason, a caveat, a
/// checklist's sentence) stays out of table cells: <see cref="WriteFullLine"/> writes it as one line that nothing wraps.
/// </summary>
internal static class CliConsole
{
    /// <summary>Wide enough for any table of short values; free text does not depend on it.</summary>
    public const int RedirectedWidth = 1000;

    /// <summary>The width a terminal is taken to have when it does not say.</summary>
    public const int DefaultTerminalWidth = 80;

    public static IAnsiConsole Create(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors });
        console.Profile.Width = Width(output);
        return console;
    }

    /// <summary>The terminal's width when <paramref name="output"/> is standard output on a terminal, else <see cref="RedirectedWidth"/>.</summary>
    public static int Width(TextWriter output) =>
        ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected ? TerminalWidth() : RedirectedWidth;

    /// <summary>
    /// Free text as one whole line, written past the console's wrapping: a terminal folds it for the eye, while a file
    /// or a pipe keeps it on one line, never cut.
    /// </summary>
    public static void WriteFullLine(this IAnsiConsole console, string text)
    {
        ArgumentNullException.ThrowIfNull(console);
        console.Profile.Out.Writer.WriteLine(text);
    }

    private static int TerminalWidth()
    {
        try
        {
            return Console.WindowWidth > 0 ? Console.WindowWidth : DefaultTerminalWidth;
        }
        catch (Exception e) when (e is IOException or PlatformNotSupportedException or InvalidOperationException)
        {
            return DefaultTerminalWidth;
        }
    }
}
