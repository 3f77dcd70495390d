namespace FailSmart.Cli.ConfigAsCode;

/// <summary>
/// Orders resources so that each comes after what it refers to (a topological order; among resources that do
/// not depend on one another, metrics, segments, layers, experiments, flags, holdouts, each by key, so the order
/// is the same every run). References to resources outside the set are left to the server, which knows them.
/// A cycle has no order: it is returned, named, instead.
/// </summary>
internal static class ConfigDependencyOrder
{
    public static (IReadOnlyList<ResourceRef> Order, IReadOnlyList<ResourceRef>? Cycle) Sort(IReadOnlyDictionary<ResourceRef, IReadOnlyCollection<ResourceRef>> references)
    {
        var waiting = new Dictionary<ResourceRef, int>();
        var dependents = new Dictionary<ResourceRef, List<ResourceRef>>();
        foreach ((ResourceRef resource, IReadOnlyCollection<ResourceRef> uses) in references)
        {
            ResourceRef[] inSet = [.. uses.Where(u => references.ContainsKey(u)).Distinct()];
            waiting[resource] = inSet.Length;
            foreach (ResourceRef used in inSet)
            {
                (dependents.TryGetValue(used, out List<ResourceRef>? list) ? list : dependents[used] = []).Add(resource);
            }
        }

        var ready = new SortedSet<ResourceRef>(waiting.Where(w => w.Value == 0).Select(w => w.Key));
        var order = new List<ResourceRef>(references.Count);
        while (ready.Count > 0)
        {
            ResourceRef next = ready.Min;
            ready.Remove(next);
            order.Add(next);
            foreach (ResourceRef dependent in dependents.GetValueOrDefault(next) ?? [])
            {
                if (--waiting[dependent] == 0)
                {
                    ready.Add(dependent);
                }
            }
        }

        return order.Count == references.Count ? (order, null) : (order, FindCycle(references, [.. waiting.Where(w => w.Value > 0).Select(w => w.Key)]));
    }

    /// <summary>Walks references among the resources left over until one repeats: that stretch is a cycle, first resource again at its end.</summary>
    private static List<ResourceRef> FindCycle(IReadOnlyDictionary<ResourceRef, IReadOnlyCollection<ResourceRef>> references, SortedSet<ResourceRef> left)
    {
        var path = new List<ResourceRef>();
        ResourceRef at = left.Min;
        while (!path.Contains(at))
        {
            path.Add(at);
            at = references[at].Where(left.Contains).Min();
        }

        List<ResourceRef> cycle = path[path.IndexOf(at)..];
        cycle.Add(at);
        return cycle;
    }
}
