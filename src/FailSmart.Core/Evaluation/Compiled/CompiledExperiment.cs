using FailSmart.Core.Bucketing;
using FailSmart.Core.Model;

namespace FailSmart.Core.Evaluation.Compiled;

/// <summary>An experiment with its variation ranges computed once.</summary>
internal sealed class CompiledExperiment(Experiment experiment, BucketRange[] ranges, LayerIndex? layer)
{
    public Experiment Experiment => experiment;

    public BucketRange[] Ranges => ranges;

    /// <summary>The layer's bucket owners; null when the experiment is not in a layer.</summary>
    public LayerIndex? Layer => layer;
}
