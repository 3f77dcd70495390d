using System.Globalization;
using Npgsql;

namespace FailSmart.Storage.PostgreSql;

/// <summary>
/// A dedicated connection that LISTENs on <c>failsmart_revision</c>, where the revision row's trigger
/// announces every commit. Outside the pool: a listening session must outlive any request, and a pooled
/// connection would be reset (UNLISTEN) when returned. A keepalive query every few seconds makes a silently
/// dropped connection fail the wait instead of hanging it.
/// </summary>
internal sealed class PostgreSqlRevisionSubscription : IRevisionSubscription
{
    internal const string Channel = "failsmart_revision";

    /// <summary>Named so operators can find it in pg_stat_activity.</summary>
    internal const string ApplicationName = "failsmart revision listener";

    private readonly NpgsqlConnection _connection;
    private long _pending;

    private PostgreSqlRevisionSubscription(NpgsqlConnection connection)
    {
        _connection = connection;
        _connection.Notification += OnNotification;
    }

    public static async Task<PostgreSqlRevisionSubscription> OpenAsync(string connectionString, CancellationToken cancellationToken)
    {
        string listening = new NpgsqlConnectionStringBuilder(connectionString)
        {
            Pooling = false,
            KeepAlive = 5,
            ApplicationName = ApplicationName,
        }.ConnectionString;
        var connection = new NpgsqlConnection(listening);
        var subscription = new PostgreSqlRevisionSubscription(connection);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var listen = new NpgsqlCommand($"LISTEN {Channel}", connection);
            await listen.ExecuteNonQueryAsync(cancellationToken);
            return subscription;
        }
        catch
        {
            await subscription.DisposeAsync();
            throw;
        }
    }

    public async Task<long> NextAsync(CancellationToken cancellationToken = default)
    {
        // Notifications are raised during the wait, on this thread; one wait may deliver several.
        while (Volatile.Read(ref _pending) == 0)
        {
            await _connection.WaitAsync(cancellationToken);
        }

        return Interlocked.Exchange(ref _pending, 0);
    }

    public async ValueTask DisposeAsync()
    {
        _connection.Notification -= OnNotification;
        await _connection.DisposeAsync();
    }

    private void OnNotification(object sender, NpgsqlNotificationEventArgs e)
    {
        if (long.TryParse(e.Payload, NumberStyles.None, CultureInfo.InvariantCulture, out long revision))
        {
            long seen;
            do
            {
                seen = Volatile.Read(ref _pending);
            }
            while (revision > seen && Interlocked.CompareExchange(ref _pending, revision, seen) != seen);
        }
    }
}
