namespace FailSmart.Protocol.Events;

/// <summary>The answer to a batch, sent only after the accepted events are durably stored.</summary>
/// <param name="Accepted">Events stored now.</param>
/// <param name="Duplicates">Events whose id was stored before (a retry): not counted again.</param>
/// <param name="Rejected">Events refused, each with its position in the batch and why.</param>
public sealed record IngestResponse(int Accepted, int Duplicates, IReadOnlyList<RejectedEvent> Rejected);

/// <summary>One refused event.</summary>
/// <param name="Index">Its zero-based position in the batch.</param>
/// <param name="Id">Its id, when it had one.</param>
/// <param name="Reason">What was wrong, and how to fix it.</param>
public sealed record RejectedEvent(int Index, string? Id, string Reason);
