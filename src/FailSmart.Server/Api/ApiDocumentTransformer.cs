using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;

namespace FailSmart.Server.Api;

/// <summary>
/// Completes the OpenAPI document where the framework cannot: request bodies read as raw JSON get
/// their schema and an example (<see cref="RequestBodyDocs"/>), and every operation that needs an
/// API key says so, with the two ways to send one (bearer or X-API-Key). Code generators and the
/// reference page at /scalar then know what to send.
/// </summary>
internal sealed class ApiDocumentTransformer : IOpenApiDocumentTransformer
{
    public const string BearerScheme = "apiKey";
    public const string HeaderScheme = "apiKeyHeader";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        // The committed document must not depend on the address the server happens to listen on.
        document.Servers = [];
        document.Info.Title = "FailSmart API";
        document.Info.Description = "Feature flags, experiments and staged rollouts. Every error is RFC 7807 ProblemDetails.";

        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal);
        foreach ((string id, JsonObject schema) in ResourceSchemas.All().OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            document.Components.Schemas[id] = OpenApiModelFactory.Parse<OpenApiSchema>(
                schema.ToJsonString(), OpenApiSpecVersion.OpenApi3_1, document, out _, OpenApiConstants.Json)
                ?? throw new InvalidOperationException($"The request body schema {id} could not be read.");
        }

        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>(StringComparer.Ordinal);
        document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "fs_{kind}_{id}_{secret}",
            Description = "An API key in 'Authorization: Bearer fs_…'. Admin keys (fs_admin_…) manage configuration under /api/v1; server keys (fs_server_…) read rule sets, evaluate and send events; client keys (fs_client_…) only evaluate through OFREP.",
        };
        document.Components.SecuritySchemes[HeaderScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = "X-API-Key",
            Description = "The same API key in the X-API-Key header, for clients that cannot set Authorization.",
        };

        foreach (ApiDescription description in context.DescriptionGroups.SelectMany(g => g.Items))
        {
            if (Find(document, description) is not { } operation)
            {
                continue;
            }

            IList<object> metadata = description.ActionDescriptor.EndpointMetadata;
            if (metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any())
            {
                operation.Security =
                [
                    new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, document)] = [] },
                    new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(HeaderScheme, document)] = [] },
                ];
            }

            // A fixed-shape body refuses unknown properties (JsonBodyCheckMiddleware); the schema says so.
            if (metadata.OfType<StrictJsonBody>().LastOrDefault() is { Properties: not null } shape &&
                metadata.OfType<RequestBodyDocs>().LastOrDefault()?.SchemaId is { } strictId &&
                document.Components.Schemas.TryGetValue(strictId, out IOpenApiSchema? strict) && strict is OpenApiSchema strictSchema)
            {
                strictSchema.AdditionalPropertiesAllowed = false;
                strictSchema.Required = new HashSet<string>(shape.Required, StringComparer.Ordinal);
            }

            if (metadata.OfType<RequestBodyDocs>().LastOrDefault() is { } body && operation.RequestBody?.Content is { } content)
            {
                // The example is JSON; an NDJSON alternative keeps only the schema.
                foreach (OpenApiMediaType media in content.Where(c => c.Key == "application/json").Select(c => c.Value).OfType<OpenApiMediaType>())
                {
                    if (body.SchemaId is not null)
                    {
                        media.Schema = new OpenApiSchemaReference(body.SchemaId, document);
                    }

                    media.Example = JsonNode.Parse(body.ExampleJson);
                }

                // A body taken only as NDJSON (the historical import) shows one line: a single object.
                if (!content.ContainsKey("application/json") && content.TryGetValue("application/x-ndjson", out OpenApiMediaType? lines) && lines is not null)
                {
                    lines.Schema = lines.Schema?.Items ?? lines.Schema;
                    lines.Example = JsonNode.Parse(body.ExampleJson);
                }

                // A body taken only as CSV (the ledger import) shows the file as one JSON string.
                if (!content.ContainsKey("application/json") && content.TryGetValue("text/csv", out OpenApiMediaType? csv) && csv is not null)
                {
                    csv.Example = JsonNode.Parse(body.ExampleJson);
                }
            }
        }

        return Task.CompletedTask;
    }

    private static OpenApiOperation? Find(OpenApiDocument document, ApiDescription description)
    {
        // The document's paths drop route constraints ("{id:long}" is "{id}").
        string path = "/" + System.Text.RegularExpressions.Regex.Replace(description.RelativePath ?? "", @"\{(\w+):[^}]+\}", "{$1}").TrimEnd('/');
        if (document.Paths is null || !document.Paths.TryGetValue(path, out IOpenApiPathItem? item) || item.Operations is null || description.HttpMethod is null)
        {
            return null;
        }

        return item.Operations.TryGetValue(new HttpMethod(description.HttpMethod), out OpenApiOperation? operation) ? operation : null;
    }
}
