using System.Runtime.InteropServices;
using System.Text.Json;
using FailSmart.Core.Model;
using FailSmart.Protocol.Events;
using FailSmart.Storage.Events;

namespace FailSmart.Server.Events;

/// <summary>
/// Turns a batch body (a JSON array, or NDJSON) into valid events and reasoned rejections. One bad event
/// never spoils the others: each is checked on its own and reported by its position.
/// </summary>
internal sealed class EventBatchReader(IngestOptions limits, Configuration configuration, string environment, DateTimeOffset now, EventReadRules? readRules = null)
{
    private readonly EventReadRules _rules = readRules ?? EventReadRules.Batch;

    private readonly List<Exposure> _exposures = [];
    private readonly List<MetricEvent> _metricEvents = [];
    private readonly List<RejectedEvent> _rejected = [];
    private Dictionary<string, RolloutPlan>? _guardedRollouts;

    public EventBatch Batch => new(_exposures, _metricEvents);

    public IReadOnlyList<RejectedEvent> Rejected => _rejected;

    /// <summary>
    /// True when an event was refused for naming an experiment, or a variation of one, that the
    /// configuration read with does not have: a newer configuration might have it.
    /// </summary>
    public bool RefusedForConfiguration { get; private set; }

    /// <summary>
    /// The elements of <paramref name="body"/>, or a message saying why it cannot be read at all. The
    /// elements point into <paramref name="body"/>, which must outlive them, as must the returned
    /// documents until they are disposed.
    /// </summary>
    public static (BatchDocuments? Documents, string? Error) Split(ReadOnlyMemory<byte> body, bool ndjson)
    {
        var documents = new BatchDocuments();
        try
        {
            if (!ndjson)
            {
                JsonDocument document = documents.Own(JsonDocument.Parse(body));
                if (document.RootElement.ValueKind != JsonValueKind.Array)
                {
                    documents.Dispose();
                    return (null, "The body must be a JSON array of events (or NDJSON with Content-Type application/x-ndjson).");
                }

                documents.Elements.AddRange(document.RootElement.EnumerateArray());
                return (documents, null);
            }

            foreach (ReadOnlyMemory<byte> line in Lines(body))
            {
                try
                {
                    documents.Elements.Add(documents.Own(JsonDocument.Parse(line)).RootElement);
                }
                catch (JsonException)
                {
                    documents.Elements.Add(default); // an unreadable line is rejected in its place, not the whole batch
                }
            }

            return (documents, null);
        }
        catch (JsonException ex)
        {
            documents.Dispose();
            return (null, $"The body is not valid JSON: {ex.Message}");
        }
    }

    // The non-blank lines of an NDJSON body.
    private static IEnumerable<ReadOnlyMemory<byte>> Lines(ReadOnlyMemory<byte> body)
    {
        while (!body.IsEmpty)
        {
            int end = body.Span.IndexOf((byte)'\n');
            ReadOnlyMemory<byte> line = end < 0 ? body : body[..end];
            body = end < 0 ? ReadOnlyMemory<byte>.Empty : body[(end + 1)..];
            if (!line.Span.Trim(" \t\r"u8).IsEmpty)
            {
                yield return line;
            }
        }
    }

    public void Read(IReadOnlyList<JsonElement> elements)
    {
        for (int i = 0; i < elements.Count; i++)
        {
            string? reason, id = null;
            try
            {
                reason = ReadOne(elements[i], out id);
            }
            catch (InvalidOperationException)
            {
                // Text the JSON reader let through but .NET cannot decode; ReadOne adds an event only as its last step.
                reason = "The event " + JsonText.NotUnicode;
            }

            if (reason is not null)
            {
                _rejected.Add(new RejectedEvent(i, id, reason));
            }
        }
    }

    /// <summary>
    /// Reads one event: adds it to <see cref="Batch"/> and returns null, or returns why it was refused and
    /// adds nothing. Nothing an event holds makes this throw.
    /// </summary>
    public string? ReadOne(JsonElement e, out string? id)
    {
        id = null;
        if (e.ValueKind != JsonValueKind.Object)
        {
            return "Not a JSON object. Each event is an object such as {\"id\": \"…\", \"type\": \"event\", \"unitId\": \"…\", \"timestamp\": \"…\", \"event\": \"purchase\"}.";
        }

        var fields = new EventFields(e);
        if (fields.BadName)
        {
            return "A field name " + JsonText.NotUnicode;
        }

        if (fields.Repeated is { } repeated)
        {
            return $"Field '{repeated}' appears more than once. Send each field once.";
        }

        if (Text(fields.Id, "id", out id) is { } idProblem)
        {
            return idProblem;
        }

        if (id is null && _rules.IdOf is { } derive)
        {
            id = derive(e);
        }

        if (Bad(id, "id") is { } missingId)
        {
            return missingId;
        }

        if ((Text(fields.UnitId, "unitId", out string? unitId) ?? Bad(unitId, "unitId")) is { } unitProblem)
        {
            return unitProblem;
        }

        if (ReadTimestamp(fields.Timestamp, out DateTimeOffset at) is { } timestampProblem)
        {
            return timestampProblem;
        }

        if ((!_rules.AnyAge && at < now.AddDays(-limits.MaxAgeDays)) || at > now.AddMinutes(limits.MaxClockSkewMinutes))
        {
            return _rules.AnyAge
                ? $"timestamp {at:O} is more than {limits.MaxClockSkewMinutes} minutes ahead of the server's clock. Send when the event happened, with its UTC offset."
                : $"timestamp {at:O} is outside the accepted window ({limits.MaxAgeDays} days back to {limits.MaxClockSkewMinutes} minutes ahead of the server's clock). " +
                  "Load older history with POST /api/v1/imports/events.";
        }

        if (ReadProperties(fields, out Dictionary<string, string>? properties) is { } propertyProblem)
        {
            return propertyProblem;
        }

        if (TypeOf(fields.Type, out string? type) is { } typeProblem)
        {
            return typeProblem;
        }

        type ??= fields.Type.ValueKind == JsonValueKind.Undefined ? _rules.DefaultType : null;
        if (_rules.OnlyType is { } only && type is not null && type != only)
        {
            return $"type is \"{type}\", but this import holds only \"{only}\" rows. Import each kind separately.";
        }

        return type switch
        {
            IngestEvent.ExposureType => ReadExposure(fields, id!, unitId!, at, properties),
            IngestEvent.MetricType => ReadMetric(fields, id!, unitId!, at, properties),
            var other => $"type must be \"exposure\" or \"event\", not {(other is null ? "missing" : $"\"{other}\"")}.",
        };
    }

    // The two types are read without a new string per event; anything else is read as text, for its message.
    private static string? TypeOf(JsonElement value, out string? type)
    {
        if (value.ValueKind == JsonValueKind.String)
        {
            if (value.ValueEquals("event"u8))
            {
                type = IngestEvent.MetricType;
                return null;
            }

            if (value.ValueEquals("exposure"u8))
            {
                type = IngestEvent.ExposureType;
                return null;
            }
        }

        return Text(value, "type", out type);
    }

    /// <summary>
    /// The timestamp, which must carry its UTC offset: without one, "10:00" could be any of 24 hours, so it
    /// is refused rather than read in the server's time zone. Only ISO 8601 (RFC 3339) is read, never a
    /// locale's format such as 12/06/2026, which means different days in different countries.
    /// </summary>
    private static string? ReadTimestamp(JsonElement ts, out DateTimeOffset at)
    {
        const string Accepted = "Send ISO 8601 with an offset, such as 2026-11-26T10:00:00Z or 2026-11-26T11:00:00+01:00.";
        at = default;
        if (ts.ValueKind != JsonValueKind.String)
        {
            return $"timestamp must be an ISO 8601 date and time with a UTC offset, as a string. {Accepted}";
        }

        // Most timestamps are plain ASCII without escapes: checked in place, with no string made.
        ReadOnlySpan<byte> raw = JsonMarshal.GetRawUtf8Value(ts);
        if (raw.Length > 2 && !raw.ContainsAnyExceptInRange((byte)' ', (byte)'~') && !raw.Contains((byte)'\\')
            && ts.TryGetDateTimeOffset(out at) && raw.IndexOf((byte)'T') > 0 && HasOffset(raw[1..^1]))
        {
            return null;
        }

        if (!JsonText.TryGetString(ts, out string? text))
        {
            return "timestamp " + JsonText.NotUnicode;
        }

        if (!ts.TryGetDateTimeOffset(out at) || text!.IndexOf('T', StringComparison.Ordinal) < 0)
        {
            return $"timestamp must be an ISO 8601 date and time with a UTC offset; '{Shorten(text!)}' is not one. {Accepted}";
        }

        return HasOffset(text) ? null : $"timestamp '{Shorten(text)}' has no UTC offset, so the moment it names is unknown. {Accepted}";
    }

    // As HasOffset(string), over the ASCII bytes of the timestamp's text.
    private static bool HasOffset(ReadOnlySpan<byte> text)
    {
        if (text[^1] is (byte)'Z' or (byte)'z')
        {
            return true;
        }

        int time = text.IndexOf((byte)'T');
        int sign = text.LastIndexOfAny((byte)'+', (byte)'-');
        return sign > time && time > 0;
    }

    // After the time of day: 'Z', or +hh:mm / -hh:mm (the forms the JSON reader's ISO 8601 parser reads).
    private static bool HasOffset(string text)
    {
        if (text.EndsWith('Z') || text.EndsWith('z'))
        {
            return true;
        }

        int time = text.IndexOf('T', StringComparison.Ordinal);
        int sign = text.LastIndexOfAny(['+', '-']);
        return sign > time && time > 0;
    }

    private static string Shorten(string text) => text.Length <= 64 ? text : text[..64] + "…";

    private string? ReadExposure(EventFields e, string id, string unitId, DateTimeOffset at, Dictionary<string, string>? properties)
    {
        if (Text(e.Experiment, "experiment", out string? key) is { } keyProblem)
        {
            return keyProblem;
        }

        Experiment? experiment = key is null ? null : configuration.Experiments.FirstOrDefault(x => x.Key == key);
        if (experiment is null)
        {
            if (key is not null && key.StartsWith(HoldoutArmKeys.Prefix, StringComparison.Ordinal)
                && configuration.Holdouts.Any(h => string.Equals(HoldoutArmKeys.AnalysisKey(h.Key), key, StringComparison.Ordinal)))
            {
                return ReadHoldoutExposure(e, id, unitId, at, properties, key);
            }

            if (key is not null && GuardedRollouts.TryGetValue(key, out RolloutPlan? plan))
            {
                return ReadRolloutExposure(e, id, unitId, at, properties, key, plan);
            }

            RefusedForConfiguration = true;
            return $"experiment '{key}' does not exist in environment '{environment}': it is neither an experiment nor a guarded rollout there. Exposures name an experiment's key, or a guarded rollout's \"rollout:{{flag}}:{{rule}}\" in the environment of this key; a holdout's exposures name \"holdout:{{key}}\".";
        }

        if (Text(e.Variation, "variation", out string? variation) is { } variationProblem)
        {
            return variationProblem;
        }

        int index = -1;
        for (int v = 0; v < experiment.Variations.Count; v++)
        {
            if (experiment.Variations[v].Key == variation)
            {
                index = v;
            }
        }

        if (index < 0)
        {
            RefusedForConfiguration = true;
            return $"variation '{variation}' is not one of experiment '{key}''s: {string.Join(", ", experiment.Variations.Select(v => v.Key))}.";
        }

        return AddExposure(e, id, unitId, at, properties, experiment.Key, experiment.Phase, index);
    }

    // A guarded rollout's exposure: the variation is the unit's arm, stored by the arm's number.
    private string? ReadRolloutExposure(EventFields e, string id, string unitId, DateTimeOffset at, Dictionary<string, string>? properties, string key, RolloutPlan plan)
    {
        if (Text(e.Variation, "variation", out string? variation) is { } variationProblem)
        {
            return variationProblem;
        }

        if (!RolloutArmKeys.TryParse(variation, out RolloutArm arm))
        {
            return $"variation '{variation}' is not an arm of guarded rollout '{key}': {string.Join(", ", RolloutArmKeys.All)}.";
        }

        return AddExposure(e, id, unitId, at, properties, key, plan.Phase, (int)arm);
    }

    // A holdout's exposure: the variation is the unit's side, stored by the side's number, in phase 1.
    private string? ReadHoldoutExposure(EventFields e, string id, string unitId, DateTimeOffset at, Dictionary<string, string>? properties, string key)
    {
        if (Text(e.Variation, "variation", out string? variation) is { } variationProblem)
        {
            return variationProblem;
        }

        if (!HoldoutArmKeys.TryParse(variation, out HoldoutArm arm))
        {
            return $"variation '{variation}' is not a side of holdout '{key}': {string.Join(", ", HoldoutArmKeys.All)}.";
        }

        return AddExposure(e, id, unitId, at, properties, key, HoldoutArmKeys.Phase, (int)arm);
    }

    private string? AddExposure(EventFields e, string id, string unitId, DateTimeOffset at, Dictionary<string, string>? properties, string key, int defaultPhase, int index)
    {
        int phase = defaultPhase;
        if (e.Phase is { ValueKind: not JsonValueKind.Undefined } p && (p.ValueKind != JsonValueKind.Number || !p.TryGetInt32(out phase) || phase < 1))
        {
            return "phase must be a whole number of 1 or more.";
        }

        _exposures.Add(new Exposure(id, environment, unitId, key, phase, index, at, properties));
        return null;
    }

    // The analysis keys of the guarded rollouts in this batch's environment, found once per batch.
    private Dictionary<string, RolloutPlan> GuardedRollouts => _guardedRollouts ??= FindGuardedRollouts();

    private Dictionary<string, RolloutPlan> FindGuardedRollouts()
    {
        var found = new Dictionary<string, RolloutPlan>(StringComparer.Ordinal);
        foreach (Flag flag in configuration.Flags)
        {
            if (!flag.Environments.TryGetValue(environment, out FlagEnvironment? state))
            {
                continue;
            }

            foreach (Rule rule in state.Rules)
            {
                if (rule.Action is RolloutAction { Plan: { } plan })
                {
                    found.TryAdd(RolloutPlan.AnalysisKey(flag.Key, rule.Id), plan);
                }
            }
        }

        return found;
    }

    private string? ReadMetric(EventFields e, string id, string unitId, DateTimeOffset at, Dictionary<string, string>? properties)
    {
        if ((Text(e.Event, "event", out string? name) ?? Bad(name, "event")) is { } problem)
        {
            return problem;
        }

        double? value = null;
        if (e.Value is { ValueKind: not (JsonValueKind.Undefined or JsonValueKind.Null) } v)
        {
            // Bounded so that sums and sums of squares over any realistic number of events stay far from
            // the largest double (1e15² × 1e9 events = 1e39).
            if (v.ValueKind != JsonValueKind.Number || !double.IsFinite(v.GetDouble()) || Math.Abs(v.GetDouble()) > IngestOptions.MaxAbsoluteValue)
            {
                return $"value must be a number from -{IngestOptions.MaxAbsoluteValue:0e0} to {IngestOptions.MaxAbsoluteValue:0e0}, or left out. Send amounts in a unit that keeps them in range (dollars, not micro-dollars).";
            }

            value = v.GetDouble();
        }

        _metricEvents.Add(new MetricEvent(id, environment, unitId, name!, value, at, properties));
        return null;
    }

    /// <summary>Declared properties plus any unknown top-level fields, all as strings; null when there are none.</summary>
    private string? ReadProperties(EventFields e, out Dictionary<string, string>? properties)
    {
        properties = null;
        if (e.Properties.ValueKind is not (JsonValueKind.Undefined or JsonValueKind.Null))
        {
            if (e.Properties.ValueKind != JsonValueKind.Object)
            {
                return "properties must be an object of names to values.";
            }

            foreach (JsonProperty property in e.Properties.EnumerateObject())
            {
                if (!JsonText.TryGetName(property, out string name))
                {
                    return "A name in properties " + JsonText.NotUnicode;
                }

                if (!JsonText.TryGetText(property.Value, out string text))
                {
                    return $"Property '{name}' " + JsonText.NotUnicode;
                }

                if (!(properties ??= new(StringComparer.Ordinal)).TryAdd(name, text))
                {
                    return $"Property '{name}' appears more than once in properties. Send each property once.";
                }
            }
        }

        foreach (JsonProperty extra in e.Unknown ?? [])
        {
            if (!JsonText.TryGetText(extra.Value, out string text))
            {
                return $"Field '{extra.Name}' " + JsonText.NotUnicode;
            }

            (properties ??= new(StringComparer.Ordinal)).TryAdd(extra.Name, text);
        }

        if (properties is null)
        {
            return null;
        }

        if (properties.Count > limits.MaxProperties)
        {
            return $"An event may carry at most {limits.MaxProperties} properties; this one has {properties.Count}.";
        }

        KeyValuePair<string, string> tooLong = properties.FirstOrDefault(p => p.Key.Length == 0 || p.Key.Length > limits.MaxFieldLength || p.Value.Length > limits.MaxFieldLength);
        return tooLong.Key is null ? null : $"Property '{tooLong.Key}' has an empty or over-long name or value (at most {limits.MaxFieldLength} characters).";
    }

    private string? Bad(string? value, string field) =>
        string.IsNullOrEmpty(value) ? $"{field} is required and must be a non-empty string."
        : value.Length > limits.MaxFieldLength ? $"{field} is longer than {limits.MaxFieldLength} characters."
        : null;

    // A string field's text (null when it is not a string); a problem when its text is not valid Unicode.
    private static string? Text(JsonElement value, string field, out string? text) =>
        JsonText.TryGetString(value, out text) ? null : $"{field} " + JsonText.NotUnicode;
}
