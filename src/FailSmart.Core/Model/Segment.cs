namespace FailSmart.Core.Model;

/// <summary>A reusable audience: a named condition, or a list of ids.</summary>
public abstract record Segment(string Key)
{
    public string? Description { get; init; }
}
