using FailSmart.Core.Bucketing;

namespace FailSmart.Core.Model;

/// <summary>
/// A long-term control group: units whose bucket (hashed with the salt) is in the span get the
/// default value of every flag in scope and are never enrolled in an experiment in scope.
/// </summary>
public sealed record Holdout(string Key, string Salt, BucketSpan Buckets, HoldoutScope Scope)
{
    public string HashAttribute { get; init; } = "id";

    public string? Description { get; init; }
}
