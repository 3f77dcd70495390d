namespace FailSmart.Storage.Tests;

public abstract partial class ConfigStoreConformanceTests
{
    [Fact]
    public async Task Key_ring_elements_are_listed_in_the_order_stored_and_a_repeated_name_keeps_the_first()
    {
        IConfigStore store = await ReadyStoreAsync();
        var ring = (IKeyRingStore)store;

        (await ring.AddKeyRingElementAsync("key-1", "<key id=\"1\" />", cancellationToken: Ct)).ShouldBeTrue();
        (await ring.AddKeyRingElementAsync("key-2", "<key id=\"2\" />", cancellationToken: Ct)).ShouldBeTrue();
        (await ring.AddKeyRingElementAsync("key-1", "<key id=\"other\" />", cancellationToken: Ct)).ShouldBeFalse();

        (await ring.ListKeyRingElementsAsync(Ct)).ShouldBe(["<key id=\"1\" />", "<key id=\"2\" />"]);
        (await ((IKeyRingStore)CreateStore()).ListKeyRingElementsAsync(Ct)).Count.ShouldBe(2, "another store over the same data reads the same ring");
    }

    [Fact]
    public async Task Key_ring_first_element_is_stored_only_while_the_ring_is_empty_and_leaves_the_revision_alone()
    {
        IConfigStore store = await ReadyStoreAsync();
        var ring = (IKeyRingStore)store;
        long revision = await store.GetRevisionAsync(Ct);

        (await ring.AddKeyRingElementAsync("key-a", "<key id=\"a\" />", onlyIntoEmptyRing: true, Ct)).ShouldBeTrue();
        (await ring.AddKeyRingElementAsync("key-b", "<key id=\"b\" />", onlyIntoEmptyRing: true, Ct)).ShouldBeFalse();

        (await ring.ListKeyRingElementsAsync(Ct)).ShouldBe(["<key id=\"a\" />"]);
        (await store.GetRevisionAsync(Ct)).ShouldBe(revision, "the key ring is not configuration");
        (await store.QueryAuditAsync(new Config.AuditQuery(), Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Key_ring_first_elements_written_at_once_by_several_stores_keep_exactly_one()
    {
        IConfigStore[] stores = [await ReadyStoreAsync(), CreateStore(), CreateStore(), CreateStore()];

        bool[] stored = await Task.WhenAll(stores.Select((s, i) => Task.Run(() =>
            ((IKeyRingStore)s).AddKeyRingElementAsync($"key-{i}", $"<key id=\"{i}\" />", onlyIntoEmptyRing: true, Ct))));

        stored.Count(s => s).ShouldBe(1);
        (await ((IKeyRingStore)stores[0]).ListKeyRingElementsAsync(Ct)).ShouldHaveSingleItem()
            .ShouldBe($"<key id=\"{Array.IndexOf(stored, true)}\" />");
    }
}
