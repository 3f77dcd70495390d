using System.Text.Json;
using FailSmart.Protocol.Admin;
using FailSmart.Storage.Config;

namespace FailSmart.Application.Configuration;

/// <summary>
/// Checks a resource as it would be after a write, against the rest of the configuration (unknown
/// segments, overlapping layer ranges and prerequisite cycles need the whole picture).
/// </summary>
public interface IResourceValidator
{
    IReadOnlyList<FieldProblem> Validate(ResourceKind kind, JsonElement document, IReadOnlyList<StoredResource> configuration);

    /// <summary>Checks a whole configuration; each problem's path names the resource it is in ("flags/checkout: $.rules[0]").</summary>
    IReadOnlyList<FieldProblem> ValidateAll(IReadOnlyList<StoredResource> configuration);
}
