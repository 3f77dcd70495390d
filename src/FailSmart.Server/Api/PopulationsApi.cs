using System.Text;
using System.Text.Json;
using FailSmart.Application.Populations;
using FailSmart.Application.Problems;
using FailSmart.Protocol.Admin;
using FailSmart.Protocol.Populations;
using Microsoft.AspNetCore.Mvc;

namespace FailSmart.Server.Api;

/// <summary>`/api/v1/populations`: target populations, units per stratum, that experiments' cohorts are compared with.</summary>
internal static class PopulationsApi
{
    /// <summary>A table of the most strata (1,000) with long values fits well within this.</summary>
    private const long MaxBodyBytes = 1024 * 1024;

    public static RouteGroupBuilder MapPopulationsApi(this RouteGroupBuilder api)
    {
        RouteGroupBuilder populations = api.MapGroup("/populations").WithTags("Populations");
        populations.MapGet("/", ListAsync).WithName("ListPopulations").WithSummary("Every target population, by key.")
            .Produces<List<PopulationResponse>>();
        populations.MapGet("/{key}", GetAsync).WithName("GetPopulation").WithSummary("One target population with its strata.")
            .Produces<PopulationResponse>().ProducesProblem(StatusCodes.Status404NotFound);
        populations.MapPut("/{key}", PutAsync).WithName("PutPopulation")
            .WithMetadata(new RequestSizeLimitAttribute(MaxBodyBytes))
            .WithMetadata(StrictJsonBody.For<PopulationRequest>("attributes", "strata"))
            .Accepts<PopulationRequest>("application/json", "text/csv")
            .WithMetadata(new RequestBodyDocs(nameof(PopulationRequest), """
                {"description": "Launch markets, 2026 Q1", "attributes": ["country", "platform"], "strata": [{"values": ["DE", "ios"], "units": 41000}, {"values": ["DE", "android"], "units": 52000}]}
                """))
            .WithSummary("Creates or replaces a target population (201 when new, 200 otherwise): JSON, or CSV (Content-Type: text/csv) with a header of " +
                "attribute columns and a units column (country,platform,units) and ?description=. Refused whole, with the line and column of each problem.")
            .Produces<PopulationResponse>(StatusCodes.Status201Created).Produces<PopulationResponse>()
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status412PreconditionFailed).ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        populations.MapDelete("/{key}", DeleteAsync).WithName("DeletePopulation").WithSummary("Deletes a target population (If-Match optional: 412 when it changed since).")
            .Produces<PopulationResponse>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status412PreconditionFailed);
        return api;
    }

    private static async Task<IResult> ListAsync(IPopulationService populations, CancellationToken cancellationToken) =>
        TypedResults.Ok((await populations.ListAsync(cancellationToken)).Select(ToResponse).ToList());

    private static async Task<IResult> GetAsync(string key, IPopulationService populations, CancellationToken cancellationToken)
    {
        ServiceResult<TargetPopulation> result = await populations.GetAsync(key, cancellationToken);
        return result.Problem is { } problem ? ApiProblems.From(problem) : TypedResults.Ok(ToResponse(result.Value!));
    }

    private static async Task<IResult> PutAsync(string key, string? description, HttpContext http, IPopulationService populations)
    {
        if (await PreconditionAsync(key, http, populations, mustExist: false) is { } refused)
        {
            return refused;
        }

        string body;
        try
        {
            using var reader = new StreamReader(http.Request.Body, new UTF8Encoding(false, throwOnInvalidBytes: true));
            body = await reader.ReadToEndAsync(http.RequestAborted);
        }
        catch (DecoderFallbackException)
        {
            return ApiProblems.Invalid("$", "The body is not UTF-8 text.", "Save the table as UTF-8 and send it again.");
        }

        ServiceResult<TargetPopulation> result;
        if (http.Request.ContentType?.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase) == true)
        {
            result = await populations.PutCsvAsync(ApiCaller.From(http), key, body, description, http.RequestAborted);
        }
        else if (http.Request.HasJsonContentType())
        {
            if (description is not null)
            {
                return ApiProblems.Invalid("description", "A JSON body carries its own description.", "Put \"description\" in the body, or leave ?description= for CSV uploads.");
            }

            PopulationRequest? request;
            try
            {
                request = JsonSerializer.Deserialize<PopulationRequest>(body, JsonSerializerOptions.Web);
            }
            catch (JsonException ex)
            {
                return ApiProblems.Unreadable(new FieldProblem(ex.Path ?? "$", "A field has the wrong type.", "attributes is a list of strings; each stratum has values (strings) and units (a number)."));
            }

            if (request is null)
            {
                return ApiProblems.Invalid("$", "The body is empty.", "Send {\"attributes\": [...], \"strata\": [{\"values\": [...], \"units\": 1200}]}.");
            }

            result = await populations.PutAsync(ApiCaller.From(http), key, ToInput(request), http.RequestAborted);
        }
        else
        {
            return TypedResults.Problem(
                title: "A population is sent as JSON or CSV.",
                detail: $"The body's Content-Type is '{http.Request.ContentType}'. Send application/json, or text/csv (curl --data-binary @population.csv -H 'Content-Type: text/csv').",
                statusCode: StatusCodes.Status415UnsupportedMediaType);
        }

        if (result.Problem is { } problem)
        {
            return ApiProblems.From(problem);
        }

        PopulationResponse population = ToResponse(result.Value!);
        return result.Outcome == ServiceOutcome.Created ? TypedResults.Created($"/api/v1/populations/{key}", population) : TypedResults.Ok(population);
    }

    private static async Task<IResult> DeleteAsync(string key, HttpContext http, IPopulationService populations)
    {
        if (await PreconditionAsync(key, http, populations, mustExist: true) is { } refused)
        {
            return refused;
        }

        ServiceResult<TargetPopulation> result = await populations.DeleteAsync(ApiCaller.From(http), key, http.RequestAborted);
        return result.Problem is { } problem ? ApiProblems.From(problem) : TypedResults.Ok(ToResponse(result.Value!));
    }

    /// <summary>
    /// If-Match, as every versioned resource takes it: a header that is not one of our ETags is a 400, and a version
    /// that is no longer current a 412, before anything is read or written. Without the header the write goes ahead.
    /// </summary>
    private static async Task<IResult?> PreconditionAsync(string key, HttpContext http, IPopulationService populations, bool mustExist)
    {
        if (!ETags.TryReadIfMatch(http.Request, out long? expected))
        {
            return LessonsApi.BadIfMatch();
        }

        if (expected is not { } version)
        {
            return null;
        }

        ServiceResult<TargetPopulation> current = await populations.GetAsync(key, http.RequestAborted);
        if (current.Value is null)
        {
            return mustExist && current.Problem is { } missing ? ApiProblems.From(missing) : ApiProblems.From(ServiceProblems.StaleVersion("population", key, 0));
        }

        return current.Value.Version == version ? null : ApiProblems.From(ServiceProblems.StaleVersion("population", key, current.Value.Version));
    }

    // A missing units becomes NaN, which the rules refuse with the stratum's path.
    private static PopulationInput ToInput(PopulationRequest request) => new(
        request.Description,
        request.Attributes,
        request.Strata?.Select(s => new PopulationStratum(s?.Values ?? [], s?.Units ?? double.NaN)).ToList());

    public static PopulationResponse ToResponse(TargetPopulation population) => new(
        population.Key, population.Description, population.Attributes,
        [.. population.Strata.Select(s => new PopulationStratumResponse(s.Values, s.Units))],
        population.TotalUnits, population.Version, population.UpdatedBy, population.UpdatedAt);
}
