using System.Text.Json;
using FailSmart.Protocol.Admin;
using FailSmart.Protocol.Json;

namespace FailSmart.Server.Api;

/// <summary>
/// Reads a JSON request body once before the endpoint binds it and refuses, with a 400 that names the
/// path, what System.Text.Json would accept but FailSmart must not: duplicate property names, strings
/// that are not Unicode text, numbers beyond a double, and (for fixed shapes) unknown properties. The
/// body is buffered and rewound, so binding reads the same bytes.
/// </summary>
internal sealed class JsonBodyCheckMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext http)
    {
        StrictJsonBody? rules = http.GetEndpoint()?.Metadata.GetMetadata<StrictJsonBody>();
        // Only endpoints that read a body (they declare what they accept); a stray body elsewhere is ignored as before.
        if (rules is null || !http.Request.HasJsonContentType() || http.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.Http.Metadata.IAcceptsMetadata>() is null)
        {
            await next(http);
            return;
        }

        http.Request.EnableBuffering();
        using var buffer = new MemoryStream();
        await http.Request.Body.CopyToAsync(buffer, http.RequestAborted);
        http.Request.Body.Position = 0;
        ReadOnlyMemory<byte> body = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);

        if (JsonInputCheck.Find(body.Span) is { } unreadable)
        {
            await ApiProblems.Unreadable(new FieldProblem(unreadable.Path, unreadable.Message, unreadable.Hint)).ExecuteAsync(http);
            return;
        }

        if (rules.Properties is { } allowed && UnknownProperties(body, allowed) is { Count: > 0 } unknown)
        {
            await ApiProblems.Invalid(unknown).ExecuteAsync(http);
            return;
        }

        await next(http);
    }

    private static List<FieldProblem> UnknownProperties(ReadOnlyMemory<byte> body, IReadOnlyList<string> allowed)
    {
        using JsonDocument document = JsonDocument.Parse(body);
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            return [new FieldProblem("$", $"The body must be a JSON object, not {document.RootElement.ValueKind}.", "Send an object with: " + string.Join(", ", allowed) + ".")];
        }

        return
        [
            .. document.RootElement.EnumerateObject()
                .Where(p => !allowed.Contains(p.Name, StringComparer.Ordinal))
                .Select(p => new FieldProblem(
                    Core.Targeting.JsonPathText.Property("$", p.Name),
                    $"'{p.Name}' is not a property of this request.",
                    "The properties are " + string.Join(", ", allowed) + " (names are case-sensitive)."))
        ];
    }
}
