using System.Globalization;
using System.Text.Json;
using FailSmart.Protocol.Admin;
using FailSmart.Server.Auth;
using FailSmart.Server.Sync;
using FailSmart.Storage;
using FailSmart.Storage.Config;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace FailSmart.Server.Events;

/// <summary>
/// `POST /events/v1/usage`: the evaluation counts an SDK aggregated since its last flush. Validated as a whole
/// (any problem refuses the report with every problem's path, and nothing is stored); counts of flags the key's
/// environment does not have are skipped and listed. Each report carries an id, and a report whose id was
/// recorded before answers 200 with <c>duplicate: true</c> and counts nothing, so a resent flush is harmless.
/// </summary>
internal static class UsageIngestionApi
{
    public const int MaxCounts = 10_000;
    private const long MaxCount = 1_000_000_000_000;

    public static IEndpointRouteBuilder MapUsageIngestionApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/events/v1/usage", IngestAsync)
            .WithTags("Events").WithName("IngestFlagUsage")
            .WithSummary("Stores an SDK's evaluation counts per flag and variation since its last flush, once per report id.")
            .RequireAuthorization(FailSmartPolicies.ServerSdk)
            .RequireRateLimiting(Api.RateLimiting.PublicPolicy)
            .WithMetadata(new RequestSizeLimitAttribute(4 * 1024 * 1024))
            .Accepts<UsageReportBody>("application/json")
            .WithMetadata(new Api.RequestBodyDocs(null, """
                {"id": "0193a0c4-7f3e-7d5a-9c1b-2e4f6a8b0c1d", "source": "sdk-dotnet",
                 "counts": [{"flag": "checkout-v2", "variation": "on", "count": 1204, "lastEvaluated": "2026-11-26T10:00:59Z"}]}
                """))
            .Produces<UsageResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        return endpoints;
    }

    private static async Task<IResult> IngestAsync(
        HttpContext http, IFlagUsageStore store, RuleSetCache rules, IOptions<IngestOptions> options, TimeProvider time, CancellationToken cancellationToken)
    {
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: cancellationToken);
        }
        catch (JsonException e)
        {
            return Api.ApiProblems.Invalid("$", "The body is not JSON: " + e.Message, Example);
        }

        using (document)
        {
            string environment = SdkSyncApi.EnvironmentOf(http.User);
            RuleSet ruleSet = await rules.GetAsync(environment, cancellationToken);
            DateTimeOffset now = time.GetUtcNow();
            var reader = new UsageReportReader(options.Value, now);
            if (reader.Read(document.RootElement) is not { } read)
            {
                return Api.ApiProblems.Invalid(reader.Problems);
            }

            var known = ruleSet.Evaluator.Configuration.Flags.ToDictionary(f => f.Key, StringComparer.Ordinal);
            if (read.Counts.Any(c => !known.TryGetValue(c.Flag, out Core.Model.Flag? f) || f.FindVariation(c.Variation) is null))
            {
                // A flag (or variation) created a moment ago on another replica is not skipped for good:
                // read the store's revision once before skipping anything.
                ruleSet = await rules.GetCurrentAsync(ruleSet, cancellationToken);
                known = ruleSet.Evaluator.Configuration.Flags.ToDictionary(f => f.Key, StringComparer.Ordinal);
            }
            var kept = new List<FlagUsageCount>();
            var skipped = new List<RejectedCount>();
            for (int i = 0; i < read.Counts.Count; i++)
            {
                FlagUsageCount count = read.Counts[i];
                if (!known.TryGetValue(count.Flag, out Core.Model.Flag? flag))
                {
                    skipped.Add(new RejectedCount(i, $"The {environment} environment has no flag '{count.Flag}' (archived or never created); its count was skipped."));
                }
                else if (flag.FindVariation(count.Variation) is null)
                {
                    skipped.Add(new RejectedCount(i, $"The flag '{count.Flag}' has no variation '{count.Variation}'; its count was skipped."));
                }
                else
                {
                    kept.Add(count);
                }
            }

            // Not cancelled by the client: once started, the write completes.
            bool recorded = await store.RecordUsageAsync(new FlagUsageReport(read.Id, environment, read.Source, now, kept), CancellationToken.None);
            return TypedResults.Ok(new UsageResponse(recorded ? kept.Sum(c => c.Count) : 0, !recorded, skipped));
        }
    }

    private const string Example = """Send {"id": "<unique per flush>", "source": "sdk-dotnet", "counts": [{"flag": "checkout", "variation": "on", "count": 12, "lastEvaluated": "2026-11-26T10:00:59Z"}]}.""";

    /// <summary>A usage report as the document describes it; the endpoint reads the JSON itself, to name every problem by its path.</summary>
    internal sealed record UsageReportBody(string Id, string Source, IReadOnlyList<UsageCountBody> Counts);

    /// <summary>One flag and variation's evaluations since the last report, and the time of the last one.</summary>
    internal sealed record UsageCountBody(string Flag, string Variation, long Count, DateTimeOffset LastEvaluated);

    /// <summary>The answer: evaluations counted, whether the report had been recorded before, and counts skipped by index.</summary>
    internal sealed record UsageResponse(long Counted, bool Duplicate, IReadOnlyList<RejectedCount> Skipped);

    internal sealed record RejectedCount(int Index, string Reason);

    internal sealed record ReadReport(string Id, string Source, IReadOnlyList<FlagUsageCount> Counts);

    /// <summary>Reads a report and collects every problem with its JSON path.</summary>
    private sealed class UsageReportReader(IngestOptions limits, DateTimeOffset now)
    {
        public List<FieldProblem> Problems { get; } = [];

        public ReadReport? Read(JsonElement root)
        {
            if (root.ValueKind != JsonValueKind.Object)
            {
                Problems.Add(new("$", "A usage report is a JSON object.", Example));
                return null;
            }

            string? id = Text(root, "id", "$.id", 100, "Give each flush a new id (a UUID) and resend a failed flush with the same id.");
            string? source = Text(root, "source", "$.source", 40, "Name the SDK that counted, such as \"sdk-dotnet\".");
            if (source is not null && !source.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-'))
            {
                Problems.Add(new("$.source", $"'{source}' is not a source name.", "Use lower-case letters, digits and '-', such as \"sdk-dotnet\"."));
            }

            var counts = new List<FlagUsageCount>();
            if (!root.TryGetProperty("counts", out JsonElement array) || array.ValueKind != JsonValueKind.Array)
            {
                Problems.Add(new("$.counts", "counts is required and must be an array.", "Send [] when nothing was evaluated."));
            }
            else if (array.GetArrayLength() > MaxCounts)
            {
                Problems.Add(new("$.counts", $"A report holds at most {MaxCounts} counts; this one has {array.GetArrayLength()}.", "Send the rest in another report."));
            }
            else
            {
                int index = 0;
                foreach (JsonElement item in array.EnumerateArray())
                {
                    if (ReadCount(item, $"$.counts[{index}]") is { } count)
                    {
                        counts.Add(count);
                    }

                    index++;
                }
            }

            return Problems.Count == 0 ? new ReadReport(id!, source!, counts) : null;
        }

        private FlagUsageCount? ReadCount(JsonElement item, string path)
        {
            if (item.ValueKind != JsonValueKind.Object)
            {
                Problems.Add(new(path, "A count is an object.", "{\"flag\": \"checkout\", \"variation\": \"on\", \"count\": 12, \"lastEvaluated\": \"…\"}"));
                return null;
            }

            int before = Problems.Count;
            string? flag = Text(item, "flag", path + ".flag", limits.MaxFieldLength, "The flag's key.");
            string? variation = Text(item, "variation", path + ".variation", limits.MaxFieldLength, "The key of the variation served.");
            long count = 0;
            if (!item.TryGetProperty("count", out JsonElement number) || number.ValueKind != JsonValueKind.Number || !number.TryGetInt64(out count) || count is < 1 or > MaxCount)
            {
                Problems.Add(new(path + ".count", "count must be a whole number from 1 to 10^12.", "Leave out flags and variations that were not evaluated."));
            }

            DateTimeOffset last = default;
            if (!item.TryGetProperty("lastEvaluated", out JsonElement stamp) || stamp.ValueKind != JsonValueKind.String
                || !JsonText.TryGetString(stamp, out string? stampText)
                || !DateTimeOffset.TryParse(stampText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out last))
            {
                Problems.Add(new(path + ".lastEvaluated", "lastEvaluated must be an ISO 8601 time, such as \"2026-11-26T10:00:59Z\".", "The time of the last evaluation counted."));
            }
            else if (last < now.AddDays(-limits.MaxAgeDays) || last > now.AddMinutes(limits.MaxClockSkewMinutes))
            {
                Problems.Add(new(path + ".lastEvaluated",
                    $"lastEvaluated {last:O} is more than {limits.MaxAgeDays} days in the past or {limits.MaxClockSkewMinutes} minutes in the future.",
                    "Check the clock of the machine that sent it; drop counts that old."));
            }

            return Problems.Count == before ? new FlagUsageCount(flag!, variation!, count, last.ToUniversalTime()) : null;
        }

        private string? Text(JsonElement item, string name, string path, int maxLength, string hint)
        {
            if (item.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String && !JsonText.TryGetString(value, out _))
            {
                Problems.Add(new(path, $"{name} {JsonText.NotUnicode}", hint));
                return null;
            }

            if (value.ValueKind != JsonValueKind.String || value.GetString() is not { Length: > 0 } text)
            {
                Problems.Add(new(path, $"{name} is required and must be a non-empty string.", hint));
                return null;
            }

            if (text.Length > maxLength)
            {
                Problems.Add(new(path, $"{name} is {text.Length} characters long; at most {maxLength} are accepted.", hint));
                return null;
            }

            return text;
        }
    }
}
