using FailSmart.Core.Validation;

namespace FailSmart.Protocol.Configuration;

/// <summary>
/// The outcome of reading a configuration document: the model, and every problem found (each with
/// its JSON path, a message and a fix hint).
/// </summary>
/// <param name="Configuration">
/// The model, when it could be built and evaluated: null when a problem blocks evaluation.
/// Problems inside conditions do not block it (such a condition never matches).
/// </param>
/// <param name="Problems">Every problem, in document order as far as possible.</param>
public sealed record ConfigLoadResult(Core.Model.Configuration? Configuration, IReadOnlyList<ValidationProblem> Problems)
{
    /// <summary>True when the document has no problem at all.</summary>
    public bool IsValid => Configuration is not null && Problems.Count == 0;
}
