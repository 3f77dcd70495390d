using DuckDB.NET.Data;
using FailSmart.Storage.Events;

namespace FailSmart.Storage.DuckDb;

/// <summary>
/// Loads a warehouse export (CSV or Parquet) straight into the store with DuckDB's own readers, so an
/// analysis can run on files without a server. See <see cref="EventFileImport"/> for the file shapes.
/// </summary>
public sealed partial class DuckDbEventStore
{
    /// <summary>Imports both files under <paramref name="environment"/>, with the default column names, and says how many rows each gave.</summary>
    /// <exception cref="StorageException">A file is missing, unreadable, lacks a required column or holds a bad value.</exception>
    public async Task<AppendResult> ImportFilesAsync(string exposuresPath, string eventsPath, string environment, CancellationToken cancellationToken = default)
    {
        FileImportResult result = await ImportAsync(new EventFileImport(exposuresPath, eventsPath, environment), cancellationToken);
        return result.Succeeded
            ? new AppendResult((int)result.Exposures, (int)result.MetricEvents, null)
            : throw new StorageException(StorageErrorCode.QueryFailed, "The files could not be imported: " + string.Join(" ", result.Problems));
    }

    /// <summary>
    /// Imports an export. Every value is checked first; a refused import stores nothing and says, for
    /// each problem, the file, the line (CSV) or row (Parquet), the column and what to change.
    /// </summary>
    public async Task<FileImportResult> ImportAsync(EventFileImport import, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(import);
        ArgumentException.ThrowIfNullOrEmpty(import.ExposuresPath);
        ArgumentException.ThrowIfNullOrEmpty(import.EventsPath);
        ArgumentException.ThrowIfNullOrEmpty(import.Environment);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            DuckDBConnection connection = _connection ?? throw new InvalidOperationException("The event store is not initialised.");
            long now = NextReceivedAt(connection);
            // Ids name the import and the row, so importing another export adds to the store and never
            // collides with an earlier import or with an SDK's id.
            string prefix = $"file-{now.ToString(System.Globalization.CultureInfo.InvariantCulture)}-{Guid.NewGuid():N}-";
            using var importer = new FileImporter(connection, import);
            FileImportResult result = importer.Import(prefix, now);
            if (result.Succeeded)
            {
                _storedIds = null; // read again, with the imported ids, before the next append
            }

            return result;
        }
        catch (DuckDBException ex)
        {
            throw new StorageException(StorageErrorCode.QueryFailed, $"The files could not be imported: {ex.Message}", ex);
        }
        finally
        {
            _gate.Release();
        }
    }
}
