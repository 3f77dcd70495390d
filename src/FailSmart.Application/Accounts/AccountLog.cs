using Microsoft.Extensions.Logging;

namespace FailSmart.Application.Accounts;

/// <summary>Account log messages. They name account ids, never user names or passwords.</summary>
internal static partial class AccountLog
{
    [LoggerMessage(EventId = 3000, Level = LogLevel.Information, Message = "The first administrator account {AccountId} was created")]
    public static partial void FirstAdminCreated(ILogger logger, string accountId);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning, Message = "Account {AccountId} was locked until {LockedUntil} after too many wrong passwords")]
    public static partial void LockedOut(ILogger logger, string accountId, DateTimeOffset lockedUntil);
}
