using Npgsql;

namespace FailSmart.Storage.PostgreSql;

/// <summary>
/// Words what PostgreSQL refused at start-up (a missing database, a wrong password, missing rights) as one
/// sentence that says what to change, so a replica that cannot start says why instead of a stack trace.
/// Never includes the password.
/// </summary>
internal static class PostgreSqlStartupErrors
{
    public static StorageException Refused(NpgsqlException exception, string server, string? database, string? user)
    {
        string location = $"{server}/{database}";
        string message = exception is PostgresException pg
            ? pg.SqlState switch
            {
                PostgresErrorCodes.InvalidCatalogName =>
                    $"The database '{database}' does not exist on PostgreSQL at {server}. " +
                    $"Create it (CREATE DATABASE {database};), or name an existing database with Database= in Storage:Config:ConnectionString.",
                PostgresErrorCodes.InvalidPassword or PostgresErrorCodes.InvalidAuthorizationSpecification =>
                    $"PostgreSQL at {server} refused user '{user}' ({pg.SqlState}: {pg.MessageText}). " +
                    "Check Username and Password in Storage:Config:ConnectionString, and that pg_hba.conf lets this host in.",
                PostgresErrorCodes.InsufficientPrivilege =>
                    $"User '{user}' may not create FailSmart's tables in {location} ({pg.MessageText}). " +
                    "Grant it CREATE on the database and its public schema, or connect as the database's owner.",
                _ => $"PostgreSQL at {location} refused to set up FailSmart's schema ({pg.SqlState}: {pg.MessageText}). " +
                    "Check Storage:Config:ConnectionString and the user's rights on the database.",
            }
            : $"PostgreSQL at {location} could not be used ({exception.Message}). Check Storage:Config:ConnectionString.";
        return new StorageException(StorageErrorCode.Misconfigured, message, exception);
    }
}
