using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using FailSmart.Storage.Config;
using Microsoft.Data.Sqlite;

namespace FailSmart.Storage.Sqlite;

/// <summary>
/// SQLite: no row locks, so writers take the database write lock when they begin (BEGIN IMMEDIATE). Writers
/// in this process first queue at an async gate: SQLite's own busy wait sleeps the calling thread, and a few
/// background writers (rollout looks, the scheduler, webhook deliveries) waiting that way at once could
/// starve the thread pool that serves pages. The gate is held until the writing connection closes, and a
/// connection that holds it may begin another write without waiting for itself.
/// </summary>
[SuppressMessage("Reliability", "CA1001", Justification = "A SemaphoreSlim owns no kernel handle unless its AvailableWaitHandle is read, and the dialect lives as long as its store.")]
internal sealed class SqliteDialect(string connectionString) : SqlDialect
{
    private readonly SemaphoreSlim _writers = new(1, 1);
    private readonly ConditionalWeakTable<DbConnection, object> _holders = [];

    public override string LockRowSuffix => "";

    // The index is an external-content FTS5 table named after its table, kept in step by triggers (see the
    // migrations); bm25() is lower for better matches, so it is negated.
    public override FullTextSql FullText(string table, string bm25Weights) =>
        new($"{table}_fts JOIN {table} t ON t.rowid = {table}_fts.rowid", $"{table}_fts MATCH @q", $"-bm25({table}_fts, {bm25Weights})");

    public override string FullTextQuery(IReadOnlyList<string> words, bool anyWord) =>
        string.Join(anyWord ? " OR " : " AND ", words.Select(w => "\"" + w.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""));

    public override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    public override async Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        if (!_holders.TryGetValue(connection, out _))
        {
            await _writers.WaitAsync(cancellationToken);
            _holders.Add(connection, connection);
            connection.StateChange += ReleaseWhenClosed;
        }

        return ((SqliteConnection)connection).BeginTransaction(deferred: false);
    }

    private void ReleaseWhenClosed(object? sender, StateChangeEventArgs e)
    {
        if (e.CurrentState == ConnectionState.Closed && sender is DbConnection connection && _holders.Remove(connection))
        {
            connection.StateChange -= ReleaseWhenClosed;
            _writers.Release();
        }
    }
}
