namespace FailSmart.Server.Api;

/// <summary>
/// Endpoint metadata for the OpenAPI document: the component schema that describes the request body
/// (bound as raw JSON, so the framework cannot infer it; null keeps the inferred one) and an example
/// body that the API accepts.
/// </summary>
internal sealed record RequestBodyDocs(string? SchemaId, string ExampleJson);
