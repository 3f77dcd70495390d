using System.Text.Json;
using FailSmart.Core.Model;
using FailSmart.Core.Validation;
using FailSmart.Core.Values;
using FailSmart.Protocol.GrowthBook;

namespace FailSmart.Protocol.Importing;

/// <summary>
/// A GrowthBook SDK payload (<c>{"features": …, "savedGroups": …}</c>) as FailSmart flags for one
/// environment, through <see cref="GrowthBookPayloadMapping"/>'s import direction: a feature whose rules
/// FailSmart cannot serve identically (namespaces, filters, explicit ranges, parent conditions, rollouts on a
/// hash version GrowthBook does not compute, sticky bucket versions…) is refused with the reason, never approximated.
/// </summary>
public static class GrowthBookImporter
{
    public static ImportResult Import(JsonElement payload, string environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (payload.ValueKind != JsonValueKind.Object)
        {
            return Unreadable("The file is not a JSON object; export the SDK payload ({\"features\": {...}, \"savedGroups\": {...}}) from GrowthBook's SDK connection.");
        }

        if (payload.TryGetProperty("encryptedFeatures", out _) || payload.TryGetProperty("encryptedSavedGroups", out _))
        {
            return Unreadable("The payload is encrypted; turn encryption off for the SDK connection (or decrypt it) and export it again.");
        }

        if (!payload.TryGetProperty("features", out JsonElement features) || features.ValueKind != JsonValueKind.Object)
        {
            return Unreadable("The payload has no \"features\" object; export the SDK payload from GrowthBook's SDK connection.");
        }

        Segment[] segments = payload.TryGetProperty("savedGroups", out JsonElement groups) && groups.ValueKind == JsonValueKind.Object
            ? [.. groups.EnumerateObject().Where(g => g.Value.ValueKind == JsonValueKind.Array).Select(g => new IdListSegment(g.Name, "id", [.. g.Value.EnumerateArray().Select(DataValue.FromJson)]))]
            : [];
        var flags = new List<Flag>();
        var experiments = new List<Experiment>();
        var report = new List<ImportedFeature>();
        foreach (JsonProperty feature in features.EnumerateObject())
        {
            var notes = new ImportNotes();
            if (Feature(feature, environment, segments, experiments, notes) is { } imported)
            {
                flags.Add(imported.Flag);
                experiments.AddRange(imported.Experiments);
            }

            report.Add(new ImportedFeature(feature.Name, notes.Status, notes.Status == ImportStatus.Refused ? [] : [feature.Name], notes.Notes));
        }

        // Auto experiments change pages, not flags: FailSmart has nothing to run them with.
        if (payload.TryGetProperty("experiments", out JsonElement auto) && auto.ValueKind == JsonValueKind.Array)
        {
            foreach (JsonElement experiment in auto.EnumerateArray())
            {
                string key = experiment.TryGetProperty("key", out JsonElement k) && k.ValueKind == JsonValueKind.String ? k.GetString()! : "(no key)";
                report.Add(new ImportedFeature("experiment " + key, ImportStatus.Refused, [], ["An auto experiment (visual editor or URL redirect) changes pages in the browser; FailSmart has no such experiments. Run it as a flag with an experiment rule instead."]));
            }
        }

        return new ImportResult(new Core.Model.Configuration { Flags = flags, Experiments = experiments, Segments = segments }, report);
    }

    private static (Flag Flag, List<Experiment> Experiments)? Feature(JsonProperty feature, string environment, Segment[] segments, List<Experiment> taken, ImportNotes notes)
    {
        (Flag Flag, List<Experiment> Experiments) imported;
        try
        {
            imported = GrowthBookPayloadMapping.ImportFeature(feature.Name, feature.Value, environment);
        }
        catch (NotSupportedException e)
        {
            notes.Refused(e.Message);
            return null;
        }
        catch (Exception e) when (e is InvalidOperationException or KeyNotFoundException or FormatException or ArgumentException or JsonException)
        {
            notes.Refused($"Feature '{feature.Name}' is not a GrowthBook feature as the SDK payload writes it: {e.Message}");
            return null;
        }

        foreach (Experiment experiment in imported.Experiments)
        {
            if (taken.Exists(e => e.Key == experiment.Key) || imported.Experiments.Count(e => e.Key == experiment.Key) > 1)
            {
                notes.Refused($"Experiment key '{experiment.Key}' is used by another experiment rule too; FailSmart's experiments have one key each (give each rule its own \"key\" in GrowthBook).");
                return null;
            }
        }

        // Anything else FailSmart would refuse to load (an unknown saved group, a bad condition) refuses the feature here.
        var alone = new Core.Model.Configuration { Flags = [imported.Flag], Experiments = imported.Experiments, Segments = segments };
        foreach (ValidationProblem problem in ConfigurationValidator.Validate(alone))
        {
            notes.Refused($"{problem.Message} {problem.Hint}");
        }

        return notes.Status == ImportStatus.Refused ? null : imported;
    }

    private static ImportResult Unreadable(string problem) => new(new Core.Model.Configuration(), []) { Problems = [problem] };
}
