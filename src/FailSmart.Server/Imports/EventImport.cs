using System.Text;
using System.Text.Json;
using FailSmart.Protocol.Admin;
using FailSmart.Server.Events;
using FailSmart.Server.Sync;
using FailSmart.Storage;
using FailSmart.Storage.Events;

namespace FailSmart.Server.Imports;

/// <summary>
/// The two passes of a historical import over a spooled file: check every row as an SDK batch's events
/// are (nothing is stored when one is bad), then store the rows chunk by chunk. `POST /api/v1/imports/events`
/// and the demo generator both import through here, so the demo's history is checked like a client's.
/// </summary>
internal static class EventImport
{
    public const int ChunkRows = 5_000;
    public const int MaxListedProblems = 100;

    /// <summary>The first pass: the number of rows, and the refused ones (at most <see cref="MaxListedProblems"/> listed).</summary>
    public static async Task<ImportCheck> CheckAsync(
        Stream spool, bool csv, Func<EventBatchReader> newReader, CancellationToken cancellationToken)
    {
        var refused = new List<FieldProblem>();
        int rows = 0, refusedRows = 0;
        bool forConfiguration = false;
        try
        {
            spool.Position = 0;
            using var reader = new ImportRowReader(spool, csv);
            while ((await reader.ReadAsync(ChunkRows, cancellationToken)) is { Count: > 0 } chunk)
            {
                EventBatchReader check = newReader();
                foreach ((int line, JsonElement row, string? problem) in chunk)
                {
                    rows++;
                    string? reason = problem ?? check.ReadOne(row, out _);
                    if (reason is not null && ++refusedRows <= MaxListedProblems)
                    {
                        refused.Add(new FieldProblem($"line {line}", reason));
                    }
                }

                forConfiguration |= check.RefusedForConfiguration;
            }
        }
        catch (ImportLineException ex)
        {
            // The reader knows the line: rows read so far would miss the lines a quoted cell spans.
            refused.Add(new FieldProblem($"line {ex.Line}", ex.Message));
            return new ImportCheck(rows, refusedRows + 1, refused, forConfiguration);
        }
        catch (Exception ex) when (ex is DecoderFallbackException or FormatException or InvalidOperationException)
        {
            refused.Add(new FieldProblem($"line {rows + 1}", ex is DecoderFallbackException
                ? "The file is not valid UTF-8 here. Save it as UTF-8."
                : ex.Message));
            return new ImportCheck(rows, refusedRows + 1, refused, forConfiguration);
        }

        return new ImportCheck(rows, refusedRows, refused, forConfiguration);
    }

    /// <summary>
    /// The second pass, over rows that all passed <see cref="CheckAsync"/>: stores them chunk by chunk and
    /// reports each stored chunk; the last report is "done", or "failed" when the store failed part-way.
    /// </summary>
    public static async Task<ImportProgress> StoreAsync(
        Stream spool, bool csv, int rows, Func<EventBatchReader> newReader, IEventStore store, Func<ImportProgress, Task> progress, CancellationToken cancellationToken)
    {
        int stored = 0, accepted = 0, duplicates = 0;
        spool.Position = 0;
        using (var reader = new ImportRowReader(spool, csv))
        {
            while ((await reader.ReadAsync(ChunkRows, cancellationToken)) is { Count: > 0 } chunk)
            {
                EventBatchReader write = newReader();
                foreach ((int _, JsonElement row, string? _) in chunk)
                {
                    write.ReadOne(row, out _);
                }

                try
                {
                    AppendResult result = await store.AppendAsync(write.Batch, CancellationToken.None);
                    int ignored = result.DuplicatesIgnored ?? 0;
                    duplicates += ignored;
                    accepted += result.Exposures + result.MetricEvents - ignored;
                    stored += chunk.Count;
                }
                catch (StorageException ex)
                {
                    return new ImportProgress("failed", rows, stored, accepted, duplicates,
                        $"Storing failed after {stored:N0} of {rows:N0} rows: {ex.Message} Import the file again: rows already stored are not stored twice.");
                }

                await progress(new ImportProgress("storing", rows, stored, accepted, duplicates));
            }
        }

        return new ImportProgress("done", rows, stored, accepted, duplicates);
    }

    /// <summary>A reader of import rows of one kind into one environment, as of <paramref name="now"/>.</summary>
    public static Func<EventBatchReader> Readers(IngestOptions options, RuleSet ruleSet, string environment, string type, DateTimeOffset now, Func<JsonElement, string>? idOf) =>
        () => new EventBatchReader(options, ruleSet.Evaluator.Configuration, environment, now, new EventReadRules(AnyAge: true, type, type, idOf));
}
