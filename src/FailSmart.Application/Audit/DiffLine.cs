namespace FailSmart.Application.Audit;

/// <summary>One changed value between two JSON documents: its path, and its JSON before and after (null when absent).</summary>
public sealed record DiffLine(string Path, string? Before, string? After);
