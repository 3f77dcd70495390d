using System.Text.Json.Nodes;

namespace FailSmart.Cli.ConfigAsCode;

/// <summary>
/// A resource as the file wants it: its document in the configuration format (without tags and archived),
/// its tags (null: leave the server's as they are) and archived (null: not said, so an archived resource stays archived).
/// </summary>
internal sealed record DesiredResource(ResourceRef Ref, JsonObject Document, IReadOnlyList<string>? Tags, bool? Archived);
