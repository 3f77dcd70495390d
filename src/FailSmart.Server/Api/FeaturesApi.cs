using FailSmart.Application.Features;
using FailSmart.Application.Problems;
using FailSmart.Core.Model;
using FailSmart.Protocol.Lifecycle;

namespace FailSmart.Server.Api;

/// <summary>`/api/v1/features`: the unit of product work, with its problem, hypothesis, links and phase.</summary>
internal static class FeaturesApi
{
    public static RouteGroupBuilder MapFeaturesApi(this RouteGroupBuilder api)
    {
        RouteGroupBuilder group = api.MapGroup("/features").WithTags("Features");
        group.MapGet("/", ListAsync).WithName("ListFeatures")
            .WithSummary("Features by name; filter by phase (think, build, ship, tweak, maintain, stopped) and by words in the name, key or owner (q).")
            .Produces<List<FeatureResponse>>().ProducesValidationProblem();
        group.MapPost("/", CreateAsync).WithName("CreateFeature").WithMetadata(StrictJsonBody.For<FeatureRequest>("key", "name", "owner", "problem"))
            .WithMetadata(new RequestBodyDocs(nameof(FeatureRequest), """
                {"key": "delivery-dates", "name": "Delivery dates at checkout", "owner": "team-checkout",
                 "problem": "Shoppers abandon checkout when they cannot see when an order arrives.",
                 "hypothesis": {"statement": "Showing delivery dates raises conversion", "metric": "checkout-conversion", "minimumEffect": 0.02},
                 "links": [{"kind": "flag", "key": "delivery-dates"}], "valuePerUnit": 12.5, "currency": "EUR", "costPerPersonDay": 600}
                """))
            .WithSummary("Creates a feature in the Think phase. Its phase changes only through a recorded decision.")
            .Produces<FeatureResponse>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/{key}", GetAsync).WithName("GetFeature").WithSummary("One feature, archived or not, with its ETag.")
            .Produces<FeatureResponse>().ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPut("/{key}", UpdateAsync).WithName("UpdateFeature").WithMetadata(StrictJsonBody.For<FeatureRequest>("name", "owner", "problem"))
            .WithMetadata(new RequestBodyDocs(nameof(FeatureRequest), """
                {"name": "Delivery dates at checkout", "owner": "team-checkout",
                 "problem": "Shoppers abandon checkout when they cannot see when an order arrives.",
                 "hypothesis": {"statement": "Showing delivery dates raises conversion", "metric": "checkout-conversion", "minimumEffect": 0.02}}
                """))
            .WithSummary("Replaces what people edit in a feature (not its phase). Send If-Match with the ETag you read; a stale one gets 412.")
            .Produces<FeatureResponse>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status412PreconditionFailed);
        group.MapDelete("/{key}", ArchiveAsync).WithName("ArchiveFeature").WithSummary("Archives a feature: it leaves lists, and keeps its decisions and evidence.")
            .Produces<FeatureResponse>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status412PreconditionFailed);
        group.MapPost("/{key}/unarchive", UnarchiveAsync).WithName("UnarchiveFeature").WithSummary("Brings an archived feature back into lists.")
            .Produces<FeatureResponse>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status412PreconditionFailed);
        return api;
    }

    private static async Task<IResult> ListAsync(IFeatureService features, string? phase, string? q, bool? includeArchived, CancellationToken cancellationToken)
    {
        FeaturePhase? parsed = null;
        if (phase is not null)
        {
            if (!Enum.TryParse(phase, ignoreCase: true, out FeaturePhase value) || !Enum.IsDefined(value) || phase.Any(char.IsDigit))
            {
                return ApiProblems.Invalid("phase", $"'{phase}' is not a phase.", "Send think, build, ship, tweak, maintain or stopped.");
            }

            parsed = value;
        }

        ServiceResult<IReadOnlyList<Feature>> result = await features.ListAsync(new FeatureListRequest(parsed, q, includeArchived ?? false), cancellationToken);
        return result.Problem is { } problem ? ApiProblems.From(problem) : TypedResults.Ok(result.Value!.Select(ToResponse).ToList());
    }

    private static async Task<IResult> CreateAsync(FeatureRequest request, IFeatureService features, HttpContext http) =>
        Answer(await features.CreateAsync(ApiCaller.From(http), ToInput(request), http.RequestAborted), http);

    private static async Task<IResult> GetAsync(string key, IFeatureService features, HttpContext http) =>
        Answer(await features.GetAsync(key, http.RequestAborted), http);

    private static async Task<IResult> UpdateAsync(string key, FeatureRequest request, IFeatureService features, HttpContext http) =>
        !ETags.TryReadIfMatch(http.Request, out long? expected)
            ? BadIfMatch()
            : Answer(await features.UpdateAsync(ApiCaller.From(http), key, ToInput(request), expected, http.RequestAborted), http);

    private static async Task<IResult> ArchiveAsync(string key, IFeatureService features, HttpContext http) =>
        !ETags.TryReadIfMatch(http.Request, out long? expected)
            ? BadIfMatch()
            : Answer(await features.ArchiveAsync(ApiCaller.From(http), key, expected, http.RequestAborted), http);

    private static async Task<IResult> UnarchiveAsync(string key, IFeatureService features, HttpContext http) =>
        !ETags.TryReadIfMatch(http.Request, out long? expected)
            ? BadIfMatch()
            : Answer(await features.UnarchiveAsync(ApiCaller.From(http), key, expected, http.RequestAborted), http);

    private static IResult Answer(ServiceResult<Feature> result, HttpContext http)
    {
        if (result.Problem is { } problem)
        {
            return ApiProblems.From(problem);
        }

        Feature feature = result.Value!;
        http.Response.Headers.ETag = ETags.ForVersion(feature.Version);
        return result.Outcome == ServiceOutcome.Created
            ? TypedResults.Created($"/api/v1/features/{feature.Key}", ToResponse(feature))
            : TypedResults.Ok(ToResponse(feature));
    }

    private static FeatureInput ToInput(FeatureRequest request) => new(
        request.Key, request.Name, request.Owner, request.Problem,
        request.Hypothesis is { } h ? new HypothesisInput(h.Statement, h.Metric, h.MinimumEffect) : null,
        request.Links?.Select(l => l is null ? null : new FeatureLinkInput(l.Kind, l.Key, l.Environment, l.Rule)).ToList(),
        request.ValuePerUnit, request.Currency, request.CostPerPersonDay);

    public static FeatureResponse ToResponse(Feature feature) => new(
        feature.Key, feature.Name, feature.Owner, feature.Problem,
        feature.Hypothesis is Hypothesis h ? new HypothesisBody(h.Statement, h.Metric, h.MinimumEffect) : null,
        feature.Phase.ToString().ToLowerInvariant(),
        [.. feature.Links.Select(l => new FeatureLinkBody(l.Kind.ToString().ToLowerInvariant(), l.Key, l.Environment, l.Rule))],
        feature.Value.PerUnit, feature.Value.Currency, feature.Value.CostPerPersonDay,
        feature.Version, feature.Archived, feature.CreatedBy, feature.CreatedAt, feature.UpdatedAt);

    private static IResult BadIfMatch() =>
        ApiProblems.Invalid("If-Match", "If-Match must be an ETag this API sent, such as \"3\".", "Send the ETag header from your last read.");
}
