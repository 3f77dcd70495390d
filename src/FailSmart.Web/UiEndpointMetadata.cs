namespace FailSmart.Web;

/// <summary>Marks a minimal endpoint as part of the web UI, so it sees the session cookie.</summary>
internal sealed class UiEndpointMetadata;
