namespace FailSmart.Storage.Events;

/// <summary>
/// A contingency table between this experiment phase and another that exposed units during it or within
/// the lookback before it: units by (this variation × that variation). A chi-square test of independence
/// on it finds an experiment that was rolled into a cohort already enrolled in another trial.
/// </summary>
/// <param name="ExperimentKey">The other experiment.</param>
/// <param name="Phase">The other experiment's phase.</param>
/// <param name="Cells">Units in both, by variation pair; empty when no unit is in both. Units that saw
/// more than one variation of either experiment are left out.</param>
public sealed record ExperimentOverlap(string ExperimentKey, int Phase, IReadOnlyList<OverlapCell> Cells)
{
    /// <summary>Units in both experiments.</summary>
    public long SharedUnits => Cells.Sum(c => c.Units);
}
