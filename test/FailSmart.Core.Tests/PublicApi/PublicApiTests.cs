using FailSmart.Core.Evaluation;
using FailSmart.Testing;

namespace FailSmart.Core.Tests.PublicApi;

/// <summary>
/// Pins the public surface of FailSmart.Core, a package applications compile against: any change shows up as a
/// diff against PublicApi/FailSmart.Core.approved.txt.
/// </summary>
public sealed class PublicApiTests
{
    [Fact]
    public void PublicApi_matches_the_approved_surface() =>
        PublicApiSurface.ShouldMatchApproved(
            typeof(Evaluator).Assembly,
            Path.Combine(RepositoryRoot.Find(), "test", "FailSmart.Core.Tests", "PublicApi", "FailSmart.Core.approved.txt"));
}
