using DuckDB.NET.Data;
using FailSmart.Storage.Events.Sql;

namespace FailSmart.Storage.DuckDb;

/// <summary>Runs analysis queries; their results are a few aggregated rows.</summary>
public sealed partial class DuckDbEventStore
{
    internal async Task<IReadOnlyList<ResultRow>> QueryRowsAsync(string sql, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            DuckDBConnection connection = _connection ?? throw new InvalidOperationException("The event store is not initialised.");
            await using DuckDBCommand command = connection.CreateCommand();
            command.CommandText = sql;
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var rows = new List<ResultRow>();
            while (await reader.ReadAsync(cancellationToken))
            {
                object?[] values = new object?[reader.FieldCount];
                for (int i = 0; i < values.Length; i++)
                {
                    values[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
                }

                rows.Add(new ResultRow(values));
            }

            return rows;
        }
        catch (DuckDBException ex)
        {
            // The file is open and local, so a failing query is a refused statement, not a passing outage.
            throw new StorageException(StorageErrorCode.QueryFailed, $"An analysis query on '{_path}' failed: {ex.Message}", ex);
        }
        finally
        {
            _gate.Release();
        }
    }
}
