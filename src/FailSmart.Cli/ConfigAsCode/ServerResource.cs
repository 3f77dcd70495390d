using System.Text.Json.Nodes;

namespace FailSmart.Cli.ConfigAsCode;

/// <summary>A resource as the server has it, with the version its ETag names.</summary>
internal sealed record ServerResource(ResourceRef Ref, long Version, bool Archived, IReadOnlyList<string> Tags, JsonObject Document);
