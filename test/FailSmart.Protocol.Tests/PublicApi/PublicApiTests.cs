using FailSmart.Protocol.Configuration;
using FailSmart.Testing;

namespace FailSmart.Protocol.Tests.PublicApi;

/// <summary>
/// Pins the public surface of FailSmart.Protocol, a package applications compile against: any change shows up as a
/// diff against PublicApi/FailSmart.Protocol.approved.txt.
/// </summary>
public sealed class PublicApiTests
{
    [Fact]
    public void PublicApi_matches_the_approved_surface() =>
        PublicApiSurface.ShouldMatchApproved(
            typeof(ConfigDocument).Assembly,
            Path.Combine(RepositoryRoot.Find(), "test", "FailSmart.Protocol.Tests", "PublicApi", "FailSmart.Protocol.approved.txt"));
}
