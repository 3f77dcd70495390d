namespace FailSmart.Server.Tests.HostileInput;

/// <summary>
/// One request built to be refused (or at least survived). <paramref name="MustRefuse"/>: a 2xx is a
/// failure too. <paramref name="Field"/>: a refusal must name it (a property or parameter name).
/// </summary>
public sealed record HostileRequest(
    string OperationId,
    DefectClass Defect,
    string Description,
    HttpMethod Method,
    string Url,
    byte[]? Body,
    string? ContentType,
    bool MustRefuse,
    string? Field,
    IReadOnlyList<KeyValuePair<string, string>>? Headers = null)
{
    public override string ToString() => $"{OperationId} {Defect}: {Description} ({Method} {(Url.Length > 120 ? Url[..120] + "…" : Url)})";
}
