using System.Collections.Concurrent;
using System.IO.Enumeration;
using System.Text;
using System.Text.RegularExpressions;

namespace FailSmart.Cli.Scanning;

/// <summary>
/// Finds flag keys in a folder's source files. Files are enumerated lazily (skipped folders are never entered),
/// only files some pattern applies to are opened, and each is read once as UTF-8 and searched with every pattern
/// that applies to it; line and column come from one pass over the text up to the last match.
/// </summary>
internal sealed class SourceScanner(ScanSettings settings, int maxDegreeOfParallelism)
{
    public SourceScanResult Scan(string root, CancellationToken cancellationToken)
    {
        string fullRoot = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));
        var found = new ConcurrentBag<List<FlagReference>>();
        var tooLarge = new ConcurrentBag<string>();
        var problems = new ConcurrentBag<string>();
        int scanned = 0;
        var options = new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism, CancellationToken = cancellationToken };
        Parallel.ForEach(Files(fullRoot), options, file =>
        {
            IReadOnlyList<ScanPattern> patterns = Patterns(file.Relative);
            if (patterns.Count == 0)
            {
                return;
            }

            if (file.Length > ScanSettings.MaxFileBytes)
            {
                tooLarge.Add(file.Relative);
                return;
            }

            string text;
            try
            {
                text = File.ReadAllText(file.FullPath, Encoding.UTF8);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                problems.Add($"{file.Relative} could not be read: {ex.Message}");
                return;
            }

            // A pattern of the user's applies to every file; a file with a NUL in it is not text.
            if (patterns.All(p => p.Extensions is null) && text.Contains('\0', StringComparison.Ordinal))
            {
                return;
            }

            Interlocked.Increment(ref scanned);
            try
            {
                if (Find(text, file.Relative, patterns) is { Count: > 0 } references)
                {
                    found.Add(references);
                }
            }
            catch (RegexMatchTimeoutException)
            {
                problems.Add($"{file.Relative}: a pattern took longer than {CustomScanPattern.Timeout.TotalSeconds:0} s and was stopped; simplify it (avoid nested quantifiers such as (a+)+).");
            }
        });

        List<FlagReference> all = [.. found.SelectMany(r => r)];
        all.Sort((a, b) =>
        {
            int byFile = string.CompareOrdinal(a.File, b.File);
            return byFile != 0 ? byFile : a.Line != b.Line ? a.Line.CompareTo(b.Line) : a.Column.CompareTo(b.Column);
        });
        return new SourceScanResult(all, scanned, [.. tooLarge.Order(StringComparer.Ordinal)], [.. problems.Order(StringComparer.Ordinal)]);
    }

    private IReadOnlyList<ScanPattern> Patterns(string relative)
    {
        if (relative == ScanSettingsFile.Name || settings.Exclude.Matches(relative) || (!settings.Include.IsEmpty && !settings.Include.Matches(relative)))
        {
            return [];
        }

        string extension = Path.GetExtension(relative);
        ScanPattern? builtIn = null;
        foreach (ScanPattern pattern in BuiltInScanPatterns.All)
        {
            if (pattern.AppliesTo(extension))
            {
                builtIn = pattern;
                break;
            }
        }

        return builtIn is null ? settings.CustomPatterns : settings.CustomPatterns.Count == 0 ? [builtIn] : [builtIn, .. settings.CustomPatterns];
    }

    private static List<FlagReference>? Find(string text, string file, IReadOnlyList<ScanPattern> patterns)
    {
        List<(int Index, string Key)>? keys = null;
        foreach (ScanPattern pattern in patterns)
        {
            for (Match match = pattern.Regex.Match(text); match.Success; match = match.NextMatch())
            {
                foreach (Capture capture in match.Groups[pattern.KeyGroup].Captures)
                {
                    if (capture.Length > 0)
                    {
                        (keys ??= []).Add((capture.Index, capture.Value));
                    }
                }
            }
        }

        if (keys is null)
        {
            return null;
        }

        // Two patterns may find the same key at the same place: it is one reference.
        keys.Sort((a, b) => a.Index != b.Index ? a.Index.CompareTo(b.Index) : string.CompareOrdinal(a.Key, b.Key));
        var references = new List<FlagReference>(keys.Count);
        int line = 1, lineStart = 0, at = 0;
        (int Index, string Key) previous = (-1, "");
        foreach ((int index, string key) in keys)
        {
            if (index == previous.Index && key == previous.Key)
            {
                continue;
            }

            // Lines end at '\n', so a CRLF file counts the same lines and columns as an LF one.
            ReadOnlySpan<char> between = text.AsSpan(at, index - at);
            int newlines = between.Count('\n');
            if (newlines > 0)
            {
                line += newlines;
                lineStart = at + between.LastIndexOf('\n') + 1;
            }

            at = index;
            references.Add(new FlagReference(key, file, line, index - lineStart + 1));
            previous = (index, key);
        }

        return references;
    }

    private static FileSystemEnumerable<(string FullPath, string Relative, long Length)> Files(string root)
    {
        int prefix = root.Length + (Path.EndsInDirectorySeparator(root) ? 0 : 1); // the file system's root keeps its separator
        var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = 0 };
        return new FileSystemEnumerable<(string, string, long)>(
            root,
            (ref FileSystemEntry entry) =>
            {
                string full = entry.ToFullPath();
                return (full, full[prefix..].Replace('\\', '/'), entry.Length);
            },
            options)
        {
            ShouldIncludePredicate = (ref FileSystemEntry entry) => !entry.IsDirectory,

            // Never into build output, dependencies or version control, nor through a link (it may loop back).
            ShouldRecursePredicate = (ref FileSystemEntry entry) =>
                (entry.Attributes & FileAttributes.ReparsePoint) == 0 && !ScanSettings.SkippedFolders.Contains(entry.FileName.ToString()),
        };
    }
}
