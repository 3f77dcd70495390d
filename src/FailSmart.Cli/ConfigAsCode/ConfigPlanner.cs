using System.Text.Json.Nodes;
using FailSmart.Application.Audit;

namespace FailSmart.Cli.ConfigAsCode;

/// <summary>
/// Compares the file with the server and decides each resource's step. Creates, updates and unarchives run
/// first, each after what it refers to; archives run last, each before what it refers to, so nothing is ever
/// written while it points at something missing. An archived resource comes back only when the file says
/// "archived": false; a resource on the server and not in the file is archived only with --archive-missing.
/// </summary>
internal static class ConfigPlanner
{
    public static (IReadOnlyList<PlanStep> Steps, IReadOnlyList<ResourceRef>? Cycle) Plan(
        IReadOnlyList<DesiredResource> desired, IReadOnlyList<ServerResource> current, bool archiveMissing)
    {
        Dictionary<ResourceRef, ServerResource> onServer = current.ToDictionary(r => r.Ref);
        var steps = new Dictionary<ResourceRef, PlanStep>();
        foreach (DesiredResource wanted in desired)
        {
            steps[wanted.Ref] = Step(wanted, onServer.GetValueOrDefault(wanted.Ref));
        }

        foreach (ServerResource missing in current.Where(r => !steps.ContainsKey(r.Ref)))
        {
            steps[missing.Ref] = missing.Archived
                ? new PlanStep(PlanAction.Unchanged, missing.Ref, missing.Version, [], null)
                : new PlanStep(archiveMissing ? PlanAction.Archive : PlanAction.NotInFile, missing.Ref, missing.Version, [], null);
        }

        // Writes in dependency order over what the file keeps live.
        (IReadOnlyList<ResourceRef> writeOrder, IReadOnlyList<ResourceRef>? cycle) = ConfigDependencyOrder.Sort(
            desired.Where(d => d.Archived != true).ToDictionary(d => d.Ref, d => (IReadOnlyCollection<ResourceRef>)[.. ResourceReferences.Of(d.Ref, d.Document)]));
        if (cycle is not null)
        {
            return ([], cycle);
        }

        // Archives in reverse dependency order over what the server serves now: a flag goes before the segment it used.
        (IReadOnlyList<ResourceRef> liveOrder, _) = ConfigDependencyOrder.Sort(
            current.Where(r => !r.Archived).ToDictionary(r => r.Ref, r => (IReadOnlyCollection<ResourceRef>)[.. ResourceReferences.Of(r.Ref, r.Document)]));

        var ordered = new List<PlanStep>(steps.Count);
        ordered.AddRange(writeOrder.Select(r => steps[r]).Where(s => s.Action is PlanAction.Create or PlanAction.Update or PlanAction.Unarchive));
        ordered.AddRange(liveOrder.Reverse().Select(r => steps[r]).Where(s => s.Action == PlanAction.Archive));
        ordered.AddRange(steps.Values.Where(s => !s.IsChange).OrderBy(s => s.Ref, Comparer<ResourceRef>.Create(static (a, b) => Display(a, b))));
        return (ordered, null);
    }

    private static PlanStep Step(DesiredResource wanted, ServerResource? current)
    {
        IReadOnlyCollection<ResourceRef> uses = [.. ResourceReferences.Of(wanted.Ref, wanted.Document)];
        if (current is null)
        {
            return wanted.Archived == true
                ? new PlanStep(PlanAction.Unchanged, wanted.Ref, null, [], null) // nothing to archive, and an archived resource is not created
                : new PlanStep(PlanAction.Create, wanted.Ref, null, [], Body(wanted, null)) { Uses = uses };
        }

        List<DiffLine> changes = Changes(wanted, current);
        if (current.Archived)
        {
            return wanted.Archived == false
                ? new PlanStep(PlanAction.Unarchive, wanted.Ref, current.Version, changes, changes.Count == 0 ? null : Body(wanted, current)) { Uses = uses }
                : new PlanStep(wanted.Archived == true ? PlanAction.Unchanged : PlanAction.KeptArchived, wanted.Ref, current.Version, [], null);
        }

        if (wanted.Archived == true)
        {
            return new PlanStep(PlanAction.Archive, wanted.Ref, current.Version, [], null);
        }

        return changes.Count == 0
            ? new PlanStep(PlanAction.Unchanged, wanted.Ref, current.Version, [], null)
            : new PlanStep(PlanAction.Update, wanted.Ref, current.Version, changes, Body(wanted, current)) { Uses = uses };
    }

    /// <summary>Field by field, as the audit log shows them; tags only when the file names them (the server keeps them sorted and distinct).</summary>
    private static List<DiffLine> Changes(DesiredResource wanted, ServerResource current)
    {
        var changes = new List<DiffLine>(JsonDiff.Between(current.Document.ToJsonString(), wanted.Document.ToJsonString()));
        if (wanted.Tags is { } tags && !tags.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).SequenceEqual(current.Tags.Order(StringComparer.Ordinal)))
        {
            changes.Add(new DiffLine("$.tags", new JsonArray([.. current.Tags.Select(t => JsonValue.Create(t))]).ToJsonString(), new JsonArray([.. tags.Select(t => JsonValue.Create(t))]).ToJsonString()));
        }

        return changes;
    }

    /// <summary>The document to send: the file's, with its tags, or the server's tags when the file names none.</summary>
    private static JsonObject Body(DesiredResource wanted, ServerResource? current)
    {
        var body = (JsonObject)wanted.Document.DeepClone();
        IReadOnlyList<string> tags = wanted.Tags ?? current?.Tags ?? [];
        if (tags.Count > 0)
        {
            body["tags"] = new JsonArray([.. tags.Select(t => JsonValue.Create(t))]);
        }

        return body;
    }

    private static int Display(ResourceRef a, ResourceRef b)
    {
        int bySection = IndexOf(a.Section).CompareTo(IndexOf(b.Section));
        return bySection != 0 ? bySection : string.CompareOrdinal(a.Key, b.Key);
    }

    private static int IndexOf(string section) => ConfigSections.All.ToList().IndexOf(section);
}
