using FailSmart.Storage.Config;

namespace FailSmart.Application.Configuration;

/// <summary>A page of one kind of resource, filtered by tag and text.</summary>
public sealed record ResourceListRequest(ResourceKind Kind, string? Tag = null, string? Text = null, bool IncludeArchived = false, int? Offset = null, int? Limit = null);
