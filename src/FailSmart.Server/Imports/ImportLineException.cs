namespace FailSmart.Server.Imports;

/// <summary>
/// A file that cannot be read on past one of its lines (a quote that is never closed), so the import is
/// refused naming that line: <see cref="Line"/> is the file's line, as the message says it.
/// </summary>
internal sealed class ImportLineException(int line, string message) : FormatException(message)
{
    public int Line { get; } = line;
}
