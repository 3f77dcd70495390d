namespace FailSmart.Protocol.Results;

/// <summary>The target population: a stored table (<c>population</c>), or every unit exposed to anything in a window (<c>all-exposures</c>).</summary>
/// <param name="Kind">population or all-exposures.</param>
/// <param name="Population">The stored population's key, for kind population.</param>
/// <param name="From">The window's start, for all-exposures.</param>
/// <param name="To">The window's end, for all-exposures.</param>
public sealed record RepresentativenessTarget(string Kind, string? Population, DateTimeOffset? From, DateTimeOffset? To);
