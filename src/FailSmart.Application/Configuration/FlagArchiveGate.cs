using System.Globalization;
using FailSmart.Application.Access;
using FailSmart.Application.Insights;
using FailSmart.Application.Problems;
using FailSmart.Protocol.Admin;
using FailSmart.Storage;
using FailSmart.Storage.Config;
using Microsoft.Extensions.Options;

namespace FailSmart.Application.Configuration;

/// <summary>
/// Before a flag that clients still evaluate is archived, refuses with where and how often it was evaluated
/// recently (archived, it leaves every rule set, so those clients fall back to their in-code defaults), unless
/// the caller confirms with a reason; the confirmation and the counts go into the audit entry's reason.
/// Shared by the API and the web UI, since both archive through <see cref="IResourceService.ArchiveAsync"/>.
/// </summary>
internal sealed class FlagArchiveGate(IConfigStore store, IOptions<FlagInsightsOptions> options, TimeProvider time)
{
    private readonly IFlagUsageStore? _usage = store as IFlagUsageStore;

    public async Task<(ServiceProblem? Refused, Caller Caller)> CheckAsync(Caller caller, ResourceKind kind, string key, CancellationToken cancellationToken)
    {
        if (kind != ResourceKind.Flag || _usage is null)
        {
            return (null, caller);
        }

        int days = options.Value.ArchiveProtectionDays;
        DateTimeOffset now = time.GetUtcNow();
        DateOnly from = DateOnly.FromDateTime(now.UtcDateTime).AddDays(1 - days);
        IReadOnlyList<FlagUsageDay> rows = await _usage.ListUsageAsync(new FlagUsageQuery(from, Flag: key), cancellationToken);
        (string Environment, long Count)[] used =
        [
            .. rows.GroupBy(r => r.Environment, StringComparer.Ordinal)
                .Select(g => (Environment: g.Key, Count: g.Sum(r => r.Count)))
                .Where(e => e.Count > 0)
                .OrderByDescending(e => e.Count).ThenBy(e => e.Environment, StringComparer.Ordinal),
        ];
        if (used.Length == 0)
        {
            return (null, caller);
        }

        string where = Join(used.Select((e, i) => $"{N(e.Count)}{(i == 0 ? " times" : "")} in {e.Environment}"));
        string sentence = $"{key} was evaluated {where} in the last {days} days";
        if (!caller.ConfirmsArchive)
        {
            return (new ServiceProblem(409,
                ArchiveInUse.Title,
                $"{sentence}; clients would fall back to their in-code defaults. Confirm with a reason to archive anyway (X-Confirm-Archive: true and X-Change-Reason).",
                [.. used.Select(e => new FieldProblem($"environments.{e.Environment}",
                    $"Evaluated {N(e.Count)} times in {e.Environment} in the last {days} days.",
                    "Remove the flag's checks from the code that runs there first, or confirm with a reason."))]), caller);
        }

        if (string.IsNullOrWhiteSpace(caller.Reason))
        {
            return (ServiceProblems.Invalid(
                "X-Change-Reason",
                "Archiving a flag that is still evaluated needs a reason.",
                "Say why the clients that still evaluate it may fall back to their defaults (X-Change-Reason header, or the reason field), and send it again."), caller);
        }

        return (null, caller with { Reason = $"{caller.Reason} Archived while in use: {sentence}." });
    }

    private static string N(long count) => count.ToString("N0", CultureInfo.InvariantCulture);

    private static string Join(IEnumerable<string> parts)
    {
        string[] all = [.. parts];
        return all.Length == 1 ? all[0] : string.Join(", ", all[..^1]) + " and " + all[^1];
    }
}
