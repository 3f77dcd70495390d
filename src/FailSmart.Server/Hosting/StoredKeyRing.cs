using System.Xml.Linq;
using FailSmart.Storage;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace FailSmart.Server.Hosting;

/// <summary>
/// Keeps ASP.NET Core's data-protection key ring in the configuration store, so every replica on one store
/// signs and reads the same session cookies and antiforgery tokens, and a browser may be sent to any of them.
/// The framework calls this synchronously and rarely (at start, when it makes a key, and about once a day).
/// </summary>
internal sealed class StoredKeyRing(IKeyRingStore store) : IXmlRepository
{
    // Set when the last read found no elements: the next key this replica makes is a first key, which is kept
    // only if no other replica stored one meanwhile. If another did, the framework, which reads the ring
    // again after making a key, takes that one, and every replica signs with the same key.
    private volatile bool _ringWasEmpty;

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        IReadOnlyList<string> elements = store.ListKeyRingElementsAsync().GetAwaiter().GetResult();
        _ringWasEmpty = elements.Count == 0;
        return [.. elements.Select(e => XElement.Parse(e))];
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        ArgumentNullException.ThrowIfNull(element);
        string name = string.IsNullOrEmpty(friendlyName) ? Guid.NewGuid().ToString("N") : friendlyName;
        store.AddKeyRingElementAsync(name, element.ToString(SaveOptions.DisableFormatting), onlyIntoEmptyRing: _ringWasEmpty)
            .GetAwaiter().GetResult();
        _ringWasEmpty = false;
    }
}
