using FailSmart.Application.Configuration;
using FailSmart.Storage.Config;

namespace FailSmart.Web.ChangeRequests;

/// <summary>How the change request pages name a request's resource, status, time and outcome.</summary>
internal static class ChangeRequestText
{
    public static IReadOnlyList<ChangeRequestStatus> Statuses { get; } =
        [ChangeRequestStatus.Pending, ChangeRequestStatus.Applied, ChangeRequestStatus.Rejected, ChangeRequestStatus.Conflict, ChangeRequestStatus.Withdrawn, ChangeRequestStatus.Approved];

    /// <summary>The status as the URL and the API spell it ("pending").</summary>
    public static string Slug(ChangeRequestStatus status) => status.ToString().ToLowerInvariant();

    public static ChangeRequestStatus? ParseStatus(string? slug) =>
        Statuses.Cast<ChangeRequestStatus?>().FirstOrDefault(s => string.Equals(Slug(s!.Value), slug, StringComparison.OrdinalIgnoreCase));

    public static string Label(ChangeRequestStatus status) => status.ToString();

    /// <summary>"flag checkout-v2".</summary>
    public static string Resource(ChangeRequest request) => $"{ResourceKindNames.Name(request.Kind)} {request.Key}";

    /// <summary>The resource's page, "/flags/checkout-v2".</summary>
    public static string ResourceHref(ChangeRequest request) => $"/{ResourceKindNames.Segment(request.Kind)}/{Uri.EscapeDataString(request.Key)}";

    public static string Environment(ChangeRequest request) => request.Environment ?? "All (shared)";

    public static string When(DateTimeOffset at) => $"{at.UtcDateTime:yyyy-MM-dd HH:mm} UTC";

    /// <summary>One sentence on where the request stands, for the top of its page.</summary>
    public static string Outcome(ChangeRequest request) => request.Status switch
    {
        ChangeRequestStatus.Pending => $"Waiting for approval by someone other than {request.Author}.",
        ChangeRequestStatus.Approved => $"Approved by {request.DecidedBy}.",
        ChangeRequestStatus.Applied => $"Approved by {request.DecidedBy} and applied at revision {request.AppliedRevision}.",
        ChangeRequestStatus.Rejected => $"Rejected by {request.DecidedBy}.",
        ChangeRequestStatus.Conflict => $"Conflict: the {ResourceKindNames.Name(request.Kind)} changed since this request was written, so nothing was overwritten. Make the change again on the {ResourceKindNames.Name(request.Kind)} as it is now.",
        ChangeRequestStatus.Withdrawn => $"Withdrawn by {request.DecidedBy ?? request.Author}.",
        _ => request.Status.ToString(),
    };
}
