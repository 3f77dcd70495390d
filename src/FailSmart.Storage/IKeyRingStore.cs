namespace FailSmart.Storage;

/// <summary>
/// ASP.NET Core's data-protection key ring, kept beside the configuration: every replica on one store then
/// signs and reads the same session cookies and form tokens, so a browser may be sent to any of them.
/// Elements are XML documents the framework writes and never changes; they are neither audited nor part of
/// the configuration revision.
/// </summary>
public interface IKeyRingStore
{
    /// <summary>Every stored element, oldest first.</summary>
    Task<IReadOnlyList<string>> ListKeyRingElementsAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores an element under its name (a name already stored keeps its first element) and says whether it
    /// was stored. With <paramref name="onlyIntoEmptyRing"/>, it is stored only if the ring holds nothing yet,
    /// checked and written as one step: of replicas that start together on a new store and each make a first
    /// key, one key is kept, and the others read it back instead of signing with their own.
    /// </summary>
    Task<bool> AddKeyRingElementAsync(string name, string xml, bool onlyIntoEmptyRing = false, CancellationToken cancellationToken = default);
}
