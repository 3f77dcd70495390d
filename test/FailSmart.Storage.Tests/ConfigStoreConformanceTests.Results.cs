using System.Globalization;
using FailSmart.Storage.Config;

namespace FailSmart.Storage.Tests;

/// <summary>Shared analysis results: one per key, never replaced by an older one, recomputed by one claimant at a time.</summary>
public abstract partial class ConfigStoreConformanceTests
{
    private static readonly DateTimeOffset s_computed = DateTimeOffset.Parse("2026-05-04T09:30:00.1234567Z", CultureInfo.InvariantCulture);

    private static StoredResult Result(string key, long revision, long rows, DateTimeOffset at, string by = "replica-a") =>
        new(key, $$"""{"experiment":"{{key}}"}""", $$"""{"units":{{rows}},"revision":{{revision}}}""", revision, rows, at, by);

    private async Task<(IConfigStore Config, IResultStore Results)> ReadyResultStoreAsync()
    {
        IConfigStore config = await ReadyStoreAsync();
        return (config, (IResultStore)config);
    }

    [Fact]
    public async Task PutResultAsync_new_result_is_read_back_as_written_and_changes_no_revision()
    {
        var (config, results) = await ReadyResultStoreAsync();
        StoredResult written = Result("checkout-test", 4, 1200, s_computed);

        StoredResult kept = await results.PutResultAsync(written, Ct);

        kept.ShouldBe(written);
        (await results.GetResultAsync("checkout-test", Ct)).ShouldBe(written);
        (await results.GetResultAsync("other-test", Ct)).ShouldBeNull();
        (await config.GetRevisionAsync(Ct)).ShouldBe(0);
        (await config.QueryAuditAsync(new AuditQuery(), Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task PutResultAsync_replaces_only_with_a_later_revision_or_one_over_more_events_or_computed_later()
    {
        var (_, results) = await ReadyResultStoreAsync();
        StoredResult first = Result("cas-test", 5, 1000, s_computed, "replica-a");
        await results.PutResultAsync(first, Ct);

        StoredResult olderRevision = await results.PutResultAsync(Result("cas-test", 4, 2000, s_computed.AddMinutes(1), "replica-b"), Ct);
        StoredResult earlierOverFewer = await results.PutResultAsync(Result("cas-test", 5, 900, s_computed.AddSeconds(-1), "replica-b"), Ct);
        StoredResult sameMark = await results.PutResultAsync(Result("cas-test", 5, 1000, s_computed, "replica-b"), Ct);

        olderRevision.ShouldBe(first);
        earlierOverFewer.ShouldBe(first);
        sameMark.ShouldBe(first);
        (await results.GetResultAsync("cas-test", Ct)).ShouldBe(first);

        // More events from a clock that stands behind: newer.
        StoredResult moreRowsEarlier = Result("cas-test", 5, 1100, s_computed.AddSeconds(-2), "replica-b");
        (await results.PutResultAsync(moreRowsEarlier, Ct)).ShouldBe(moreRowsEarlier);
        // Fewer rows at a later moment: newer too, since a ClickHouse merge may have dropped duplicates in between.
        StoredResult laterFewerRows = Result("cas-test", 5, 1090, s_computed.AddSeconds(1), "replica-a");
        (await results.PutResultAsync(laterFewerRows, Ct)).ShouldBe(laterFewerRows);
        StoredResult newerRevision = Result("cas-test", 6, 10, s_computed.AddSeconds(-5), "replica-a");
        (await results.PutResultAsync(newerRevision, Ct)).ShouldBe(newerRevision);
        (await results.GetResultAsync("cas-test", Ct)).ShouldBe(newerRevision);
    }

    [Fact]
    public async Task PutResultAsync_of_concurrent_writers_keeps_the_newest_whatever_the_order()
    {
        var (_, results) = await ReadyResultStoreAsync();
        StoredResult[] candidates = [.. Enumerable.Range(1, 8).Select(i => Result("race-test", 10 + (i % 3), 100 * i, s_computed.AddSeconds(i), "replica-" + i))];
        StoredResult newest = candidates.Aggregate((a, b) => b.IsNewerThan(a) ? b : a);

        StoredResult[] answers = await Task.WhenAll(candidates.Select(c => results.PutResultAsync(c, Ct)));

        (await results.GetResultAsync("race-test", Ct)).ShouldBe(newest);
        newest.ComputedBy.ShouldBe("replica-8"); // revision 12 (8 % 3 = 2), with the most rows and the latest moment of that revision
        foreach ((StoredResult candidate, StoredResult answer) in candidates.Zip(answers))
        {
            answer.IsNewerThan(candidate).ShouldBe(answer != candidate, "each writer is answered with its own result or one newer than it");
        }
    }

    [Fact]
    public async Task TryClaimResultAsync_one_claimant_until_it_expires_stores_its_result_or_releases_it()
    {
        var (_, results) = await ReadyResultStoreAsync();
        DateTimeOffset now = s_computed;
        (await results.TryClaimResultAsync("claim-test", "replica-a", now, now.AddMinutes(10), Ct)).ShouldBeFalse("nothing is stored to claim");
        await results.PutResultAsync(Result("claim-test", 1, 10, now), Ct);

        (await results.TryClaimResultAsync("claim-test", "replica-a", now, now.AddMinutes(10), Ct)).ShouldBeTrue();
        (await results.TryClaimResultAsync("claim-test", "replica-b", now.AddMinutes(5), now.AddMinutes(15), Ct)).ShouldBeFalse();
        (await results.TryClaimResultAsync("claim-test", "replica-a", now.AddMinutes(5), now.AddMinutes(15), Ct)).ShouldBeTrue();
        (await results.TryClaimResultAsync("claim-test", "replica-b", now.AddMinutes(15), now.AddMinutes(25), Ct)).ShouldBeTrue("the claim expired");

        // The claimant's own newer result gives the claim up.
        await results.PutResultAsync(Result("claim-test", 1, 20, now.AddMinutes(16), "replica-b"), Ct);
        (await results.TryClaimResultAsync("claim-test", "replica-a", now.AddMinutes(16), now.AddMinutes(26), Ct)).ShouldBeTrue();

        await results.ReleaseResultClaimAsync("claim-test", "replica-b", Ct); // not the claimant: nothing changes
        (await results.TryClaimResultAsync("claim-test", "replica-b", now.AddMinutes(17), now.AddMinutes(27), Ct)).ShouldBeFalse();
        await results.ReleaseResultClaimAsync("claim-test", "replica-a", Ct);
        (await results.TryClaimResultAsync("claim-test", "replica-b", now.AddMinutes(17), now.AddMinutes(27), Ct)).ShouldBeTrue();
    }

    [Fact]
    public async Task TryClaimResultAsync_of_concurrent_claimants_exactly_one_wins()
    {
        var (_, results) = await ReadyResultStoreAsync();
        await results.PutResultAsync(Result("claim-race", 1, 10, s_computed), Ct);

        bool[] won = await Task.WhenAll(Enumerable.Range(0, 6).Select(i =>
            results.TryClaimResultAsync("claim-race", "replica-" + i, s_computed, s_computed.AddMinutes(10), Ct)));

        won.Count(w => w).ShouldBe(1);
    }

    [Fact]
    public async Task ListResultRequestsAsync_lists_every_key_with_its_request_in_key_order()
    {
        var (_, results) = await ReadyResultStoreAsync();
        await results.PutResultAsync(Result("b-test", 1, 10, s_computed), Ct);
        await results.PutResultAsync(Result("a-test", 2, 20, s_computed.AddSeconds(1)), Ct);

        IReadOnlyList<StoredResultRequest> listed = await results.ListResultRequestsAsync(Ct);

        listed.ShouldBe([
            new StoredResultRequest("a-test", """{"experiment":"a-test"}""", s_computed.AddSeconds(1)),
            new StoredResultRequest("b-test", """{"experiment":"b-test"}""", s_computed),
        ]);
    }

    [Fact]
    public async Task DeleteResultsComputedBeforeAsync_deletes_only_results_computed_before_the_moment()
    {
        var (_, results) = await ReadyResultStoreAsync();
        await results.PutResultAsync(Result("old-test", 1, 10, s_computed.AddDays(-31)), Ct);
        await results.PutResultAsync(Result("edge-test", 1, 10, s_computed.AddDays(-30)), Ct);
        await results.PutResultAsync(Result("new-test", 1, 10, s_computed), Ct);

        int deleted = await results.DeleteResultsComputedBeforeAsync(s_computed.AddDays(-30), Ct);

        deleted.ShouldBe(1);
        (await results.ListResultRequestsAsync(Ct)).Select(r => r.Key).ShouldBe(["edge-test", "new-test"]);
    }

    [Fact]
    public async Task PutResultAsync_key_longer_than_200_characters_is_refused_and_nothing_is_stored()
    {
        var (_, results) = await ReadyResultStoreAsync();

        await Should.ThrowAsync<ArgumentException>(() => results.PutResultAsync(Result(new string('k', 201), 1, 1, s_computed), Ct));

        (await results.ListResultRequestsAsync(Ct)).ShouldBeEmpty();
    }
}
