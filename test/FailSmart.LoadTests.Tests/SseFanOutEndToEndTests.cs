namespace FailSmart.LoadTests.Tests;

/// <summary>
/// The SSE load test at 1,000 streams, end to end, in the test suite: the server in its own process, every
/// stream asking for patches. It checks that every stream got every change; the latency is reported, not
/// asserted (the 10,000-stream run and its numbers are in docs/benchmarks.md).
/// </summary>
public sealed class SseFanOutEndToEndTests
{
    private const int Streams = 1_000;
    private const int Changes = 5;

    [Fact]
    public async Task A_thousand_streams_each_receive_every_change_as_a_patch_up_to_the_last_revision()
    {
        using ServerProcess server = await ServerProcess.StartAsync(ServerProcess.FreeLoopbackPort());

        SseFanOutResult result = await SseFanOut.MeasureAsync(server.Address, Streams, Changes, deltas: true, TestContext.Current.CancellationToken);

        TestContext.Current.TestOutputHelper?.WriteLine("| Streams | Events | Changes | Samples | p50 (ms) | p99 (ms) | max (ms) | bytes per stream per change | connect all (s) |");
        TestContext.Current.TestOutputHelper?.WriteLine(result.ToMarkdownRow());
        result.EventsPerStream.Length.ShouldBe(Streams);
        result.EventsPerStream.ShouldAllBe(events => events == 1 + Changes, "each stream: the full rule set, then one event per change");
        result.LastRevisionPerStream.ShouldAllBe(revision => revision == result.FinalRevision);
        result.LatenciesMs.Length.ShouldBe(Streams * Changes);
        // Patches, not full rule sets: the example's rule set is about 2 KB, a one-flag patch well under 1 KB.
        result.BytesPerStreamPerChange.ShouldBeLessThan(1_000);
    }
}
