using FailSmart.Testing;

namespace FailSmart.Client.Tests.PublicApi;

/// <summary>
/// Pins the public surface of FailSmart.Client, the package applications compile against: any change
/// shows up as a diff against PublicApi/FailSmart.Client.approved.txt.
/// </summary>
public sealed class PublicApiTests
{
    [Fact]
    public void PublicApi_matches_the_approved_surface() =>
        PublicApiSurface.ShouldMatchApproved(
            typeof(IFailSmartClient).Assembly,
            Path.Combine(RepositoryRoot.Find(), "test", "FailSmart.Client.Tests", "PublicApi", "FailSmart.Client.approved.txt"));
}
