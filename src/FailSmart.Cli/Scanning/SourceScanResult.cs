namespace FailSmart.Cli.Scanning;

/// <summary>
/// What a scan found: references sorted by file, line and column; how many files were read; files left out for
/// their size; and problems (a file that could not be read, a pattern that timed out), each a sentence.
/// </summary>
internal sealed record SourceScanResult(IReadOnlyList<FlagReference> References, int FilesScanned, IReadOnlyList<string> FilesTooLarge, IReadOnlyList<string> Problems);
