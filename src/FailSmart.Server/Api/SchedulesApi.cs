using System.Globalization;
using System.Text.Json;
using FailSmart.Application.Problems;
using FailSmart.Application.Schedules;
using FailSmart.Protocol.Admin;
using FailSmart.Storage.Config;

namespace FailSmart.Server.Api;

/// <summary>`/api/v1/schedules`: configuration changes applied at a set time, and their cancellation.</summary>
internal static class SchedulesApi
{
    private static readonly string[] s_changeProperties = ["kind", "key", "environment", "enabled", "document"];

    public static RouteGroupBuilder MapSchedulesApi(this RouteGroupBuilder api)
    {
        RouteGroupBuilder group = api.MapGroup("/schedules").WithTags("Scheduled changes");
        group.MapGet("/", ListAsync).WithName("ListSchedules")
            .WithSummary("Scheduled changes, newest first; filter by status (pending, applied, cancelled, failed, waiting-for-approval), kind and key; page with before=<id>.")
            .Produces<List<ScheduleResponse>>().ProducesValidationProblem();
        group.MapGet("/{id:long}", GetAsync).WithName("GetSchedule").WithSummary("One scheduled change.")
            .Produces<ScheduleResponse>().ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/", CreateAsync).WithName("CreateSchedule").WithMetadata(StrictJsonBody.For<ScheduleCreateRequest>("dueAt", "change"))
            .WithMetadata(new RequestBodyDocs(nameof(ScheduleCreateRequest),
                """{"dueAt": "2030-12-14T09:00:00Z", "change": {"kind": "flag", "key": "checkout", "environment": "production", "enabled": true}, "reason": "Launch at 9:00 on Monday."}"""))
            .WithSummary("Schedules a change: a flag turned on or off in one environment, or a resource's whole document. Checked now as an immediate write would be, and again when due; applied exactly once, as you, audited as 'schedule.create' and then 'schedule.apply' or 'schedule.fail'. Where the environment requires approval, it becomes a change request when due.")
            .Produces<ScheduleResponse>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapPost("/{id:long}/cancel", CancelAsync).WithName("CancelSchedule").WithMetadata(StrictJsonBody.For<ScheduleCancelRequest>())
            .WithMetadata(new RequestBodyDocs(nameof(ScheduleCancelRequest), """{"reason": "The launch moved to next week."}"""))
            .WithSummary("Cancels a pending scheduled change, audited as 'schedule.cancel'; 409 when it was already applied, failed or cancelled.")
            .Produces<ScheduleResponse>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return api;
    }

    private static async Task<IResult> ListAsync(
        IScheduleService schedules, string? status, string? kind, string? key, long? before, int? limit, CancellationToken cancellationToken)
    {
        ScheduleStatus? wanted = null;
        if (status is not null)
        {
            wanted = Enum.GetValues<ScheduleStatus>().Cast<ScheduleStatus?>().FirstOrDefault(s => StatusName(s!.Value) == status);
            if (wanted is null)
            {
                return ApiProblems.Invalid("status", $"'{status}' is not a status.", "Use pending, applied, cancelled, failed or waiting-for-approval.");
            }
        }

        ResourceKind? resourceKind = null;
        if (kind is not null)
        {
            if (KindOf(kind) is not { } parsed)
            {
                return ApiProblems.Invalid("kind", $"'{kind}' is not a resource kind.", "Use flag, segment, experiment, layer, holdout or metric.");
            }

            resourceKind = parsed;
        }

        ServiceResult<IReadOnlyList<ScheduledChange>> result = await schedules.ListAsync(new ScheduleQuery(wanted, resourceKind, key, before, limit ?? 50), cancellationToken);
        return result.Problem is { } problem ? ApiProblems.From(problem) : TypedResults.Ok(result.Value!.Select(ToResponse).ToList());
    }

    private static async Task<IResult> GetAsync(long id, IScheduleService schedules, CancellationToken cancellationToken) =>
        await schedules.GetAsync(id, cancellationToken) is { } schedule
            ? TypedResults.Ok(ToResponse(schedule))
            : ApiProblems.NotFound("scheduled change", id.ToString(CultureInfo.InvariantCulture));

    private static async Task<IResult> CreateAsync(ScheduleCreateRequest request, IScheduleService schedules, HttpContext http)
    {
        if (request.DueAt is not { } dueAt)
        {
            return ApiProblems.Invalid("$.dueAt", "dueAt is required.", "Send when to apply the change, such as \"2030-12-14T09:00:00Z\".");
        }

        if (request.Change is not { } change)
        {
            return ApiProblems.Invalid("$.change", "change is required.", "Send {\"kind\": \"flag\", \"key\": \"checkout\", \"environment\": \"production\", \"enabled\": true}, or a kind, key and document.");
        }

        (ScheduleChangeInput? input, IResult? invalid) = ReadChange(change);
        if (invalid is not null)
        {
            return invalid;
        }

        ServiceResult<ScheduledChange> result = await schedules.CreateAsync(ApiCaller.From(http, request.Reason), dueAt, input!, http.RequestAborted);
        return result.Problem is { } problem
            ? ApiProblems.From(problem)
            : TypedResults.Created($"/api/v1/schedules/{result.Value!.Id}", ToResponse(result.Value));
    }

    private static async Task<IResult> CancelAsync(long id, ScheduleCancelRequest request, IScheduleService schedules, HttpContext http)
    {
        ServiceResult<ScheduledChange> result = await schedules.CancelAsync(ApiCaller.From(http, request.Reason), id, http.RequestAborted);
        return result.Problem is { } problem ? ApiProblems.From(problem) : TypedResults.Ok(ToResponse(result.Value!));
    }

    /// <summary>The change object, checked property by property so every mistake names its path.</summary>
    private static (ScheduleChangeInput? Input, IResult? Invalid) ReadChange(JsonElement change)
    {
        const string Shapes = "Send {\"kind\": \"flag\", \"key\": \"checkout\", \"environment\": \"production\", \"enabled\": true}, or {\"kind\": \"segment\", \"key\": \"beta\", \"document\": {…}}.";
        if (change.ValueKind != JsonValueKind.Object)
        {
            return (null, ApiProblems.Invalid("$.change", "change must be an object.", Shapes));
        }

        var problems = new List<FieldProblem>();
        foreach (JsonProperty property in change.EnumerateObject())
        {
            if (!s_changeProperties.Contains(property.Name, StringComparer.Ordinal))
            {
                problems.Add(new(Core.Targeting.JsonPathText.Property("$.change", property.Name), $"'{property.Name}' is not a property of a change.",
                    "A change has kind, key, and either environment and enabled, or document."));
            }
        }

        ResourceKind? kind = change.TryGetProperty("kind", out JsonElement kindText) && kindText.ValueKind == JsonValueKind.String ? KindOf(kindText.GetString()!) : null;
        if (kind is null)
        {
            problems.Add(new("$.change.kind", "kind must be one of flag, segment, experiment, layer, holdout or metric.", Shapes));
        }

        string? key = change.TryGetProperty("key", out JsonElement keyText) && keyText.ValueKind == JsonValueKind.String ? keyText.GetString() : null;
        if (string.IsNullOrEmpty(key))
        {
            problems.Add(new("$.change.key", "key is required: which resource to change.", Shapes));
        }

        bool hasDocument = change.TryGetProperty("document", out JsonElement document);
        bool hasEnvironment = change.TryGetProperty("environment", out JsonElement environment);
        bool hasEnabled = change.TryGetProperty("enabled", out JsonElement enabled);
        if (hasDocument)
        {
            if (document.ValueKind != JsonValueKind.Object)
            {
                problems.Add(new("$.change.document", "document must be the resource's whole document, a JSON object.", Shapes));
            }

            if (hasEnvironment || hasEnabled)
            {
                problems.Add(new("$.change", "A change is either a document, or an environment and enabled, not both.", Shapes));
            }
        }
        else
        {
            if (!hasEnvironment || environment.ValueKind != JsonValueKind.String)
            {
                problems.Add(new("$.change.environment", "environment is required to turn a flag on or off (or send a document).", Shapes));
            }

            if (!hasEnabled || enabled.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                problems.Add(new("$.change.enabled", "enabled (true or false) is required to turn a flag on or off (or send a document).", Shapes));
            }

            if (kind is { } k && k != ResourceKind.Flag)
            {
                problems.Add(new("$.change.kind", "Only flags are turned on or off; other kinds change by document.", Shapes));
            }
        }

        if (problems.Count > 0)
        {
            return (null, ApiProblems.Invalid(problems));
        }

        return hasDocument
            ? (new ScheduleChangeInput(kind!.Value, key!, document.Clone()), null)
            : (ScheduleChangeInput.Toggle(key!, environment.GetString()!, enabled.GetBoolean()), null);
    }

    private static ResourceKind? KindOf(string text) =>
        ResourceKindRoutes.All.Where(r => r.Kind.ToString().Equals(text, StringComparison.OrdinalIgnoreCase) || r.Segment == text).Select(r => (ResourceKind?)r.Kind).FirstOrDefault();

    private static string StatusName(ScheduleStatus status) => status == ScheduleStatus.WaitingForApproval ? "waiting-for-approval" : status.ToString().ToLowerInvariant();

    public static ScheduleResponse ToResponse(ScheduledChange schedule)
    {
        JsonElement? document = null;
        if (schedule.Change.Document is { Length: > 0 } text)
        {
            using JsonDocument parsed = JsonDocument.Parse(text);
            document = parsed.RootElement.Clone();
        }

        NewScheduledChange change = schedule.Change;
        return new ScheduleResponse(
            schedule.Id, change.DueAt, AdoConfigStore.KindName(change.Kind), change.Key, change.Environment, change.Action, change.Enabled, document, change.BaseVersion,
            change.Author, change.Reason, StatusName(schedule.Status), schedule.CreatedAt, schedule.FinishedAt, schedule.FinishedBy, schedule.AppliedRevision,
            schedule.Message, schedule.ChangeRequestId);
    }
}
