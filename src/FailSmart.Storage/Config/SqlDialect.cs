using System.Data.Common;

namespace FailSmart.Storage.Config;

/// <summary>The few places where SQLite and PostgreSQL differ for the configuration store.</summary>
public abstract class SqlDialect
{
    /// <summary>Appended to a SELECT that reads a row about to be changed ("FOR UPDATE" where rows lock).</summary>
    public abstract string LockRowSuffix { get; }

    /// <summary>Opens a new connection; pooling is the driver's job.</summary>
    public abstract Task<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>Begins a transaction that will write, taking the write lock up front where the engine needs it.</summary>
    public virtual async Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken) =>
        await connection.BeginTransactionAsync(cancellationToken);

    /// <summary>
    /// A full-text search over <paramref name="table"/> (aliased t) and its index. <paramref name="bm25Weights"/>
    /// weighs the indexed columns where the engine weighs at query time (SQLite); PostgreSQL's weights are
    /// in the indexed tsvector.
    /// </summary>
    public abstract FullTextSql FullText(string table, string bm25Weights);

    /// <summary>
    /// The engine's query text for words from <see cref="SearchWords.Of"/>: all of them, or any one. Each word
    /// is quoted as a literal, so nothing in it is read as the engine's syntax.
    /// </summary>
    public abstract string FullTextQuery(IReadOnlyList<string> words, bool anyWord);
}
