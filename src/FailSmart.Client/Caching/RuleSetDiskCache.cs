using System.Text.Json;
using FailSmart.Client.Diagnostics;
using Microsoft.Extensions.Logging;

namespace FailSmart.Client.Caching;

/// <summary>
/// Keeps the last good rule set in one file, written atomically (a temporary file, then a rename), so
/// a crash mid-write never leaves a half file. A file that cannot be read is ignored with a warning.
/// </summary>
internal sealed class RuleSetDiskCache(string directory, ILogger logger)
{
    public const string FileName = "failsmart-ruleset.json";

    private const int Format = 1;

    public string FilePath { get; } = Path.Combine(directory, FileName);

    public RuleSetSnapshot? TryLoad(string? environment)
    {
        try
        {
            if (!File.Exists(FilePath))
            {
                return null;
            }

            CachedRuleSet? cached = JsonSerializer.Deserialize(File.ReadAllBytes(FilePath), ClientJsonContext.Default.CachedRuleSet);
            if (cached is null || cached.Format != Format || string.IsNullOrEmpty(cached.Document))
            {
                ClientLog.CacheUnreadable(logger, FilePath, "the file does not hold a cached rule set");
                return null;
            }

            if (!RuleSetLoader.TryLoad(cached.Document, environment, RuleSetOrigin.DiskCache, cached.Revision, cached.ETag, out RuleSetSnapshot? snapshot, out string problem))
            {
                ClientLog.CacheUnreadable(logger, FilePath, problem);
                return null;
            }

            return snapshot;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or NotSupportedException)
        {
            ClientLog.CacheUnreadable(logger, FilePath, e.Message);
            return null;
        }
    }

    public void Save(RuleSetSnapshot snapshot, DateTimeOffset now)
    {
        string temporary = FilePath + "." + Environment.ProcessId + ".tmp";
        try
        {
            Directory.CreateDirectory(directory);
            byte[] bytes = JsonSerializer.SerializeToUtf8Bytes(
                new CachedRuleSet(Format, snapshot.Revision, snapshot.ETag, now, snapshot.Json), ClientJsonContext.Default.CachedRuleSet);
            using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, FilePath, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            ClientLog.CacheWriteFailed(logger, FilePath, e.Message);
            TryDelete(temporary);
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Nothing more to do: a stray temporary file is harmless.
        }
    }
}
