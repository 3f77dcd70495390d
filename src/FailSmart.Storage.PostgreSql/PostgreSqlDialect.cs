using System.Data.Common;
using FailSmart.Storage.Config;
using Npgsql;

namespace FailSmart.Storage.PostgreSql;

/// <summary>PostgreSQL: writers lock the row they change (SELECT … FOR UPDATE); the revision row serialises commits.</summary>
internal sealed class PostgreSqlDialect(NpgsqlDataSource dataSource) : SqlDialect
{
    public override string LockRowSuffix => " FOR UPDATE";

    // The 'simple' configuration: no stemming and no stop words, like SQLite's unicode61, so both engines
    // match the same words; and lessons mix languages and metric keys that English stemming would mangle.
    // Normalisation 1 divides the rank by 1 + log(length), so a long text does not win by length alone.
    public override FullTextSql FullText(string table, string bm25Weights) =>
        new($"{table} t", "t.search @@ to_tsquery('simple', @q)", "ts_rank_cd(t.search, to_tsquery('simple', @q), 1)");

    public override string FullTextQuery(IReadOnlyList<string> words, bool anyWord) =>
        string.Join(anyWord ? " | " : " & ", words.Select(w => "'" + w.Replace("'", "''", StringComparison.Ordinal).Replace("\\", "\\\\", StringComparison.Ordinal) + "'"));

    public override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await dataSource.OpenConnectionAsync(cancellationToken);
}
