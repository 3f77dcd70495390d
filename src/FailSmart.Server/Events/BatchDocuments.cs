using System.Text.Json;

namespace FailSmart.Server.Events;

/// <summary>
/// The parsed events of one batch body and the documents that hold them. Elements are read in place,
/// not cloned, so the documents (pooled memory) live until the batch has been read.
/// </summary>
internal sealed class BatchDocuments : IDisposable
{
    private readonly List<JsonDocument> _documents = [];

    /// <summary>One element per event, in body order; <c>default</c> for an NDJSON line that is not JSON.</summary>
    public List<JsonElement> Elements { get; } = [];

    public JsonDocument Own(JsonDocument document)
    {
        _documents.Add(document);
        return document;
    }

    public void Dispose()
    {
        foreach (JsonDocument document in _documents)
        {
            document.Dispose();
        }

        _documents.Clear();
    }
}
