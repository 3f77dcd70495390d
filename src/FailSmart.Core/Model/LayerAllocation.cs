using FailSmart.Core.Bucketing;

namespace FailSmart.Core.Model;

/// <summary>The buckets of a layer an experiment owns. Experiments of one layer own disjoint spans.</summary>
public sealed record LayerAllocation(string LayerKey, BucketSpan Buckets);
