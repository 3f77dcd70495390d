namespace FailSmart.Application.Experiments;

/// <summary>How one launch check came out.</summary>
public enum ChecklistState
{
    /// <summary>Nothing to do.</summary>
    Passed,

    /// <summary>The experiment can start, but its result will say less than it could.</summary>
    Warning,

    /// <summary>Starting now would give a result that cannot be trusted (or nothing at all).</summary>
    Failed,
}
