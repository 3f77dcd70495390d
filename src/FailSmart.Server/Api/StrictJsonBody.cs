using System.Text.Json;

namespace FailSmart.Server.Api;

/// <summary>
/// Endpoint metadata: the JSON body is checked by <see cref="JsonBodyCheckMiddleware"/> before it is bound.
/// With <see cref="Properties"/>, the body is an object of a fixed shape and any other top-level
/// property is refused, so a typo ("expires" for "expiresAt") is an error rather than silently ignored.
/// </summary>
internal sealed class StrictJsonBody(IReadOnlyList<string>? properties = null, IReadOnlyList<string>? required = null)
{
    /// <summary>The top-level property names allowed, as spelled on the wire; null when the shape is checked elsewhere.</summary>
    public IReadOnlyList<string>? Properties => properties;

    /// <summary>The properties the handler requires (the OpenAPI document says so; records make every one look required).</summary>
    public IReadOnlyList<string> Required => required ?? [];

    /// <summary>The properties a request type binds, named as the API's JSON options name them.</summary>
    public static StrictJsonBody For<T>(params string[] required) =>
        new([.. JsonSerializerOptions.Web.GetTypeInfo(typeof(T)).Properties.Select(p => p.Name)], required);
}
