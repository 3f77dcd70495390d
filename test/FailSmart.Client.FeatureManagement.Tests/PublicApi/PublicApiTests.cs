using Microsoft.Extensions.DependencyInjection;
using FailSmart.Testing;

namespace FailSmart.Client.FeatureManagement.Tests.PublicApi;

/// <summary>
/// Pins the public surface of FailSmart.Client.FeatureManagement, a package applications compile against: any change shows up as a
/// diff against PublicApi/FailSmart.Client.FeatureManagement.approved.txt.
/// </summary>
public sealed class PublicApiTests
{
    [Fact]
    public void PublicApi_matches_the_approved_surface() =>
        PublicApiSurface.ShouldMatchApproved(
            typeof(FailSmartFeatureManagementExtensions).Assembly,
            Path.Combine(RepositoryRoot.Find(), "test", "FailSmart.Client.FeatureManagement.Tests", "PublicApi", "FailSmart.Client.FeatureManagement.approved.txt"));
}
