using System.Text.Json;
using FailSmart.Protocol.Admin;
using FailSmart.Storage.Config;

namespace FailSmart.Server.Api;

/// <summary>Accepts any document whose key and tags are well formed (ResourceKeys checks those); the semantic rules come from Core.</summary>
internal sealed class StructuralResourceValidator : IResourceValidator
{
    public IReadOnlyList<FieldProblem> Validate(ResourceKind kind, JsonElement document, IReadOnlyList<StoredResource> configuration) => [];
}
