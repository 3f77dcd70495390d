namespace FailSmart.Server.Api;

/// <summary>Per-key (or per-address, for anonymous calls) request limits on public endpoints (section "RateLimits").</summary>
public sealed class RateLimitOptions
{
    public const string SectionName = "RateLimits";

    /// <summary>Requests allowed per window for one key.</summary>
    public int PermitsPerWindow { get; set; } = 2000;

    /// <summary>The window length in seconds.</summary>
    public int WindowSeconds { get; set; } = 1;
}
