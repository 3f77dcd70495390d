using FailSmart.Testing;

namespace FailSmart.Client.AspNetCore.Tests.PublicApi;

/// <summary>
/// Pins the public surface of FailSmart.Client.AspNetCore, a package applications compile against: any change shows up as a
/// diff against PublicApi/FailSmart.Client.AspNetCore.approved.txt.
/// </summary>
public sealed class PublicApiTests
{
    [Fact]
    public void PublicApi_matches_the_approved_surface() =>
        PublicApiSurface.ShouldMatchApproved(
            typeof(IFailSmartContext).Assembly,
            Path.Combine(RepositoryRoot.Find(), "test", "FailSmart.Client.AspNetCore.Tests", "PublicApi", "FailSmart.Client.AspNetCore.approved.txt"));
}
