using FailSmart.Application.Approvals;
using FailSmart.Storage.Config;

namespace FailSmart.Application.Tests;

public sealed class EnvironmentUsageTests
{
    private static StoredResource Resource(ResourceKind kind, string key, string document) => new(kind, key, 1, document, [], false, default);

    private static readonly StoredResource[] s_configuration =
    [
        Resource(ResourceKind.Flag, "checkout", """
            {"key":"checkout","environments":{
              "production":{"enabled":true,"rules":[{"segments":["beta"],"experiment":{"key":"button"}}]},
              "staging":{"enabled":true,"rules":[{"segments":["staff"]}]}}}
            """),
        Resource(ResourceKind.Flag, "dormant", """{"key":"dormant","environments":{"production":{"enabled":false,"rules":[{"segments":["vip"]}]}}}"""),
        Resource(ResourceKind.Segment, "beta", """{"key":"beta","ids":["u1"]}"""),
        Resource(ResourceKind.Segment, "staff", """{"key":"staff","ids":["u2"]}"""),
        Resource(ResourceKind.Segment, "vip", """{"key":"vip","ids":["u3"]}"""),
        Resource(ResourceKind.Experiment, "button", """{"key":"button","layer":{"key":"checkout-layer","buckets":[0,5000]}}"""),
        Resource(ResourceKind.Layer, "checkout-layer", """{"key":"checkout-layer"}"""),
    ];

    [Theory]
    [InlineData(ResourceKind.Segment, "beta", true)]         // a rule of a flag on in production
    [InlineData(ResourceKind.Experiment, "button", true)]
    [InlineData(ResourceKind.Layer, "checkout-layer", true)] // reached through the experiment
    [InlineData(ResourceKind.Segment, "staff", false)]       // staging's rules only
    [InlineData(ResourceKind.Segment, "vip", false)]         // a flag that is off in production
    [InlineData(ResourceKind.Metric, "beta", false)]         // metrics never change what is served
    public void IsAffectedBy_follows_what_the_flags_on_in_the_environment_reach(ResourceKind kind, string key, bool affected)
    {
        EnvironmentUsage.Of("production", s_configuration).IsAffectedBy(kind, key, null, "{}").ShouldBe(affected);
    }

    [Fact]
    public void IsAffectedBy_a_holdout_over_everything_or_over_a_reached_experiment_but_not_over_an_unrelated_layer()
    {
        EnvironmentUsage usage = EnvironmentUsage.Of("production", s_configuration);

        usage.IsAffectedBy(ResourceKind.Holdout, "h", null, """{"key":"h","buckets":[0,100]}""").ShouldBeTrue();
        usage.IsAffectedBy(ResourceKind.Holdout, "h", null, """{"key":"h","scope":{"experiments":["button"]}}""").ShouldBeTrue();
        usage.IsAffectedBy(ResourceKind.Holdout, "h", null, """{"key":"h","scope":{"layers":["elsewhere"]}}""").ShouldBeFalse();
        EnvironmentUsage.Of("development", s_configuration).IsAffectedBy(ResourceKind.Holdout, "h", null, """{"key":"h"}""").ShouldBeFalse();
    }
}
