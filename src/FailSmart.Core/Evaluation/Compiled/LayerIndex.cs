using FailSmart.Core.Bucketing;
using FailSmart.Core.Model;

namespace FailSmart.Core.Evaluation.Compiled;

/// <summary>
/// Which experiment owns each of a layer's 10,000 buckets. A unit is eligible for an experiment
/// only if its layer bucket is owned by that experiment, so even an overlapping configuration
/// (which validation rejects) could not put a unit in two experiments of one layer.
/// </summary>
internal sealed class LayerIndex
{
    private readonly string?[] _owners = new string?[BucketHash.BucketCount];

    public LayerIndex(Layer layer, IEnumerable<Experiment> experiments)
    {
        Layer = layer;
        foreach (Experiment experiment in experiments)
        {
            if (experiment.Status == ExperimentStatus.Stopped || experiment.Layer is null
                || !string.Equals(experiment.Layer.LayerKey, layer.Key, StringComparison.Ordinal) || !experiment.Layer.Buckets.IsValid)
            {
                continue;
            }

            for (int b = experiment.Layer.Buckets.Start; b < experiment.Layer.Buckets.End; b++)
            {
                // First claim wins.
                _owners[b] ??= experiment.Key;
            }
        }
    }

    public Layer Layer { get; }

    public string? OwnerOf(int bucket) => (uint)bucket < (uint)_owners.Length ? _owners[bucket] : null;
}
