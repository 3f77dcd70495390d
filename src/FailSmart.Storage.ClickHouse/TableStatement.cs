namespace FailSmart.Storage.ClickHouse;

/// <summary>
/// A schema statement about one of FailSmart's tables, written for whatever name it should act on: the
/// table itself on one server, its local table on each shard of a cluster.
/// </summary>
internal sealed record TableStatement(string Table, Func<string, string> Sql);
