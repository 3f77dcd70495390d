namespace FailSmart.Application.Experiments;

/// <summary>What to know before starting an experiment in an environment.</summary>
/// <param name="Experiment">The experiment key.</param>
/// <param name="Environment">The environment checked.</param>
/// <param name="Status">draft, running or stopped.</param>
/// <param name="Phase">Its current phase.</param>
/// <param name="Items">The checks, in the order a person reads them.</param>
/// <param name="DaysToDecision">Days until the primary metric can detect the minimum effect at the experiment's allocation; null when unknown.</param>
public sealed record LaunchChecklist(string Experiment, string Environment, string Status, int Phase, IReadOnlyList<ChecklistItem> Items, int? DaysToDecision)
{
    /// <summary>The worst state of any item.</summary>
    public ChecklistState Outcome => Items.Count == 0 ? ChecklistState.Passed : Items.Max(i => i.State);
}
