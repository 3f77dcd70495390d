using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using FailSmart.Protocol.Admin;
using FailSmart.Protocol.Events;
using FailSmart.Server.Api;
using FailSmart.Server.Auth;
using FailSmart.Server.Events;
using FailSmart.Server.Sync;
using FailSmart.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace FailSmart.Server.Imports;

/// <summary>
/// `POST /api/v1/imports/events`: history from a warehouse (exposures of experiments, guarded rollouts and
/// holdouts, or metric events; NDJSON or CSV), of any age. The body is spooled to a temporary file and every row checked first, as an SDK batch's
/// events are; one bad row refuses the whole import (422, each bad row by line) and nothing is stored.
/// Otherwise the rows are stored in chunks while progress streams back as NDJSON. Rows without an id
/// get one derived from their content, so importing a file again stores nothing twice.
/// </summary>
internal static class EventImportApi
{
    public static IEndpointRouteBuilder MapEventImportApi(this IEndpointRouteBuilder endpoints, long maxImportBytes)
    {
        endpoints.MapPost("/api/v1/imports/events", ImportAsync)
            .WithTags("Events").WithName("ImportEvents")
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                // The handler refuses a missing or unknown kind itself (with a hint); the document says so too.
                if (operation.Parameters?.FirstOrDefault(p => p.Name == "kind") is Microsoft.OpenApi.OpenApiParameter kind)
                {
                    kind.Required = true;
                    kind.Description = "exposures or events: import each kind from its own file.";
                    if (kind.Schema is Microsoft.OpenApi.OpenApiSchema schema)
                    {
                        schema.Enum = [System.Text.Json.Nodes.JsonValue.Create("exposures"), System.Text.Json.Nodes.JsonValue.Create("events")];
                    }
                }

                return Task.CompletedTask;
            })
            .WithSummary("Imports historical exposures or metric events (NDJSON or CSV, any age); refuses the whole file, listing each bad line, or stores it and streams progress as NDJSON.")
            .RequireAuthorization(FailSmartPolicies.Admin)
            .RequireRateLimiting(RateLimiting.PublicPolicy)
            .WithMetadata(new RequestSizeLimitAttribute(maxImportBytes))
            .Accepts<IngestEvent[]>("application/x-ndjson", "text/csv")
            // The example is one NDJSON line: an event object.
            .WithMetadata(new RequestBodyDocs(null, """
                {"id": "5f0c2a9e-6f1d-4c1e-9a57-3d7e1b2c4a10", "type": "exposure", "unitId": "u-42", "timestamp": "2025-03-01T10:00:00Z", "experiment": "button-copy", "variation": "green"}
                """))
            .Produces<string>(StatusCodes.Status200OK, "application/x-ndjson")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        return endpoints;
    }

    private static async Task ImportAsync(
        HttpContext http, string? kind, string? format, string? environment, IEventStore store, IConfigStore config, RuleSetCache rules,
        IOptions<IngestOptions> options, TimeProvider time, CancellationToken cancellationToken)
    {
        environment ??= "production";
        format ??= http.Request.ContentType?.Contains("csv", StringComparison.OrdinalIgnoreCase) == true ? "csv" : "ndjson";
        var problems = new List<FieldProblem>();
        string? type = kind switch
        {
            "exposures" => IngestEvent.ExposureType,
            "events" => IngestEvent.MetricType,
            _ => null,
        };
        if (type is null)
        {
            problems.Add(new("kind", kind is null ? "kind is required." : $"kind '{kind}' is not exposures or events.", "Send ?kind=exposures or ?kind=events; import each kind from its own file."));
        }

        if (format is not ("ndjson" or "csv"))
        {
            problems.Add(new("format", $"format '{format}' is not ndjson or csv.", "Send ?format=ndjson (one event object a line) or ?format=csv (a header row, then one event a row)."));
        }

        if (!(await config.ListEnvironmentKeysAsync(cancellationToken)).Contains(environment, StringComparer.Ordinal))
        {
            problems.Add(new("environment", $"There is no environment '{environment}'.", "List them with GET /api/v1/environments; the default is production."));
        }

        if (problems.Count > 0)
        {
            await ApiProblems.Invalid(problems).ExecuteAsync(http);
            return;
        }

        await using FileStream spool = new(
            Path.Combine(Path.GetTempPath(), $"failsmart-import-{Guid.NewGuid():N}.tmp"),
            FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        await http.Request.Body.CopyToAsync(spool, cancellationToken);

        DateTimeOffset now = time.GetUtcNow();
        Func<EventBatchReader> ReadersOf(RuleSet ruleSet) =>
            EventImport.Readers(options.Value, ruleSet, environment, type!, now, row => DerivedId(environment, type!, row));

        // First pass: check every row, store nothing. Rows are checked as a batch's events are, against a newer
        // configuration too when they name something this replica's lacks (created a moment ago on another replica).
        ((int rows, int refusedRows, List<FieldProblem> refused, _), RuleSet checkedWith) = await ConfigurationReread.CheckAsync(rules, environment, async ruleSet =>
        {
            ImportCheck check = await EventImport.CheckAsync(spool, format == "csv", ReadersOf(ruleSet), cancellationToken);
            return (check, check.RefusedForConfiguration);
        }, cancellationToken);
        Func<EventBatchReader> readers = ReadersOf(checkedWith);
        if (rows == 0 && refusedRows == 0)
        {
            await ApiProblems.Invalid("$", "The file holds no rows.", format == "csv" ? "Send a header row, then one event a row." : "Send one event object a line.").ExecuteAsync(http);
            return;
        }

        if (refusedRows > 0)
        {
            await Refused(rows, refusedRows, refused).ExecuteAsync(http);
            return;
        }

        // Second pass: every row is valid; store them chunk by chunk and say how far it got.
        http.Response.ContentType = "application/x-ndjson";
        ImportProgress last = await EventImport.StoreAsync(spool, format == "csv", rows, readers, store,
            progress => WriteLineAsync(http, progress, cancellationToken), cancellationToken);
        await WriteLineAsync(http, last, cancellationToken);
    }

    private static ProblemHttpResult Refused(int rows, int refusedRows, List<FieldProblem> problems) =>
        TypedResults.Problem(
            title: "The import was refused; nothing was stored.",
            detail: $"{refusedRows:N0} of {rows:N0} rows cannot be imported; the first, {problems[0].Path}: {problems[0].Message} Fix the rows listed in errors (at most {EventImport.MaxListedProblems}) and import the file again.",
            statusCode: StatusCodes.Status422UnprocessableEntity,
            extensions: new Dictionary<string, object?> { ["rows"] = rows, ["refusedRows"] = refusedRows, ["errors"] = problems });

    /// <summary>
    /// An id from the row's content and where it goes, so the same row imported twice is the same event.
    /// Two rows alike in every field are one event; give such rows ids of their own to keep them apart.
    /// </summary>
    private static string DerivedId(string environment, string type, JsonElement row)
    {
        byte[] content = Encoding.UTF8.GetBytes($"{environment}\n{type}\n{row.GetRawText()}");
        return "imp-" + Convert.ToHexStringLower(SHA256.HashData(content))[..32];
    }

    private static async Task WriteLineAsync(HttpContext http, ImportProgress progress, CancellationToken cancellationToken)
    {
        await JsonSerializer.SerializeAsync(http.Response.Body, progress, ImportProgress.JsonOptions, cancellationToken);
        await http.Response.Body.WriteAsync("\n"u8.ToArray(), cancellationToken);
        await http.Response.Body.FlushAsync(cancellationToken);
    }
}
