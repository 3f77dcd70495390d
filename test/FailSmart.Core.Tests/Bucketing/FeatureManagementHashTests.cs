using FailSmart.Core.Bucketing;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Microsoft.FeatureManagement;
using Microsoft.FeatureManagement.FeatureFilters;

namespace FailSmart.Core.Tests.Bucketing;

/// <summary>
/// The targeting hash against Microsoft.FeatureManagement's own targeting filter: a rollout of exactly the
/// unit's percentage must leave it out and the next larger double must take it in, which pins the value.
/// </summary>
public sealed class FeatureManagementHashTests
{
    private static readonly ContextualTargetingFilter s_filter = new();

    [Property(MaxTest = 500)]
    public Property Percentage_is_the_one_microsoft_feature_management_compares(NonNull<string> id, NonEmptyString feature)
    {
        double percentage = FeatureManagementHash.Percentage(id.Get, feature.Get);
        bool atIt = Targeted(id.Get, feature.Get, percentage);
        bool justAbove = Targeted(id.Get, feature.Get, Math.BitIncrement(percentage));
        return (!atIt && justAbove && percentage is >= 0 and <= 100)
            .Label($"id '{id.Get}', feature '{feature.Get}': {percentage}%, targeted at it {atIt}, just above {justAbove}");
    }

    [Property(MaxTest = 300)]
    public Property InRange_agrees_with_the_filter_for_any_rollout(NonNull<string> id, NonEmptyString feature, byte percent)
    {
        double rollout = percent % 101;
        bool expected = Targeted(id.Get, feature.Get, rollout);
        bool actual = FeatureManagementHash.InRange(FeatureManagementHash.Percentage(id.Get, feature.Get), 0, rollout);
        return (actual == expected).Label($"id '{id.Get}', rollout {rollout}%: FailSmart {actual}, Microsoft.FeatureManagement {expected}");
    }

    [Fact]
    public void Percentage_of_a_known_id_is_its_sha256_prefix()
    {
        // The filter reads the first four bytes little-endian and scales them to a percentage.
        byte[] hash = System.Security.Cryptography.SHA256.HashData("alice\nBeta"u8);
        double expected = BitConverter.ToUInt32(hash, 0) / (double)uint.MaxValue * 100;

        FeatureManagementHash.Percentage("alice", "Beta").ShouldBe(expected);
    }

    [Fact]
    public void InRange_takes_100_only_in_a_range_that_ends_at_100()
    {
        FeatureManagementHash.InRange(100, 50, 100).ShouldBeTrue();
        FeatureManagementHash.InRange(99.999, 50, 99.999).ShouldBeFalse();
        FeatureManagementHash.InRange(50, 50, 60).ShouldBeTrue();
        FeatureManagementHash.InRange(49.999, 50, 60).ShouldBeFalse();
    }

    [Fact]
    public void Percentage_of_a_long_id_is_hashed_whole()
    {
        string longId = new('x', 5_000);
        double percentage = FeatureManagementHash.Percentage(longId, "Beta");

        Targeted(longId, "Beta", percentage).ShouldBeFalse();
        Targeted(longId, "Beta", Math.BitIncrement(percentage)).ShouldBeTrue();
    }

    private static bool Targeted(string id, string feature, double rollout)
    {
        var settings = new TargetingFilterSettings { Audience = new Audience { DefaultRolloutPercentage = rollout } };
        var context = new FeatureFilterEvaluationContext { FeatureName = feature, Settings = settings };
        return s_filter.EvaluateAsync(context, new Microsoft.FeatureManagement.FeatureFilters.TargetingContext { UserId = id }).GetAwaiter().GetResult();
    }
}
