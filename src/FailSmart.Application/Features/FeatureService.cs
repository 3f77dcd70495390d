using FailSmart.Application.Access;
using FailSmart.Application.Audit;
using FailSmart.Application.Problems;
using FailSmart.Core.Model;
using FailSmart.Protocol.Admin;
using FailSmart.Storage;
using FailSmart.Storage.Config;

namespace FailSmart.Application.Features;

internal sealed class FeatureService(IFeatureStore store, IConfigStore config, TimeProvider time, FeatureDecider decider, IAuditService audit) : IFeatureService
{
    private readonly FeatureValidator _validator = new(config);

    public async Task<ServiceResult<IReadOnlyList<Feature>>> ListAsync(FeatureListRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        IEnumerable<Feature> features = (await store.ListFeaturesAsync(request.IncludeArchived, cancellationToken)).Select(FeatureDocuments.Read);
        if (request.Phase is { } phase)
        {
            features = features.Where(f => f.Phase == phase);
        }

        if (!string.IsNullOrWhiteSpace(request.Text) && request.Text.Trim() is { } text)
        {
            features = features.Where(f => f.Name.Contains(text, StringComparison.OrdinalIgnoreCase)
                || f.Key.Contains(text, StringComparison.OrdinalIgnoreCase) || f.Owner.Contains(text, StringComparison.OrdinalIgnoreCase));
        }

        return new ServiceResult<IReadOnlyList<Feature>>(ServiceOutcome.Unchanged, [.. features]);
    }

    public async Task<ServiceResult<Feature>> GetAsync(string key, CancellationToken cancellationToken = default) =>
        await store.GetFeatureAsync(key, cancellationToken) is { } record
            ? new ServiceResult<Feature>(ServiceOutcome.Unchanged, FeatureDocuments.Read(record))
            : ServiceProblems.NotFound("feature", key);

    public async Task<ServiceResult<Feature>> CreateAsync(Caller caller, FeatureInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(input);
        if (MayNotEdit(caller) is { } forbidden)
        {
            return forbidden;
        }

        List<FieldProblem> problems = await _validator.CheckAsync(input, creating: true, cancellationToken);
        if (problems.Count > 0)
        {
            return ServiceProblems.Invalid(problems);
        }

        DateTimeOffset now = time.GetUtcNow();
        Feature feature = Build(input, input.Key!, FeaturePhase.Think, 1, false, caller.Actor, now, now);
        if (!await store.CreateFeatureAsync(FeatureDocuments.ToRecord(feature), cancellationToken))
        {
            return ServiceProblems.AlreadyExists("feature", feature.Key);
        }

        return new ServiceResult<Feature>(ServiceOutcome.Created, feature);
    }

    public async Task<ServiceResult<Feature>> UpdateAsync(Caller caller, string key, FeatureInput input, long? expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(input);
        if (MayNotEdit(caller) is { } forbidden)
        {
            return forbidden;
        }

        if (await store.GetFeatureAsync(key, cancellationToken) is not { } record)
        {
            return ServiceProblems.NotFound("feature", key);
        }

        if (input.Key is { } sentKey && sentKey != key)
        {
            return ServiceProblems.Invalid("$.key", $"The key '{sentKey}' differs from '{key}' in the address.", "Keys cannot change: leave key out or send the same one.");
        }

        List<FieldProblem> problems = await _validator.CheckAsync(input, creating: false, cancellationToken);
        if (problems.Count > 0)
        {
            return ServiceProblems.Invalid(problems);
        }

        Feature current = FeatureDocuments.Read(record);
        if (current.Archived)
        {
            return ServiceProblems.Archived("feature", "features", key, current.Version);
        }

        Feature updated = Build(input, key, current.Phase, current.Version, false, current.CreatedBy, current.CreatedAt, current.UpdatedAt);
        return await WriteAsync(caller, updated, expectedVersion ?? current.Version, "feature.update", cancellationToken);
    }

    public Task<ServiceResult<Feature>> ArchiveAsync(Caller caller, string key, long? expectedVersion, CancellationToken cancellationToken = default) =>
        SetArchivedAsync(caller, key, true, expectedVersion, cancellationToken);

    public Task<ServiceResult<Feature>> UnarchiveAsync(Caller caller, string key, long? expectedVersion, CancellationToken cancellationToken = default) =>
        SetArchivedAsync(caller, key, false, expectedVersion, cancellationToken);

    public Task<ServiceResult<FeatureDecision>> DecideAsync(Caller caller, string key, FeatureDecisionInput input, long? expectedVersion, CancellationToken cancellationToken = default) =>
        decider.DecideAsync(caller, key, input, expectedVersion, cancellationToken);

    public async Task<ServiceResult<IReadOnlyList<FeatureDecision>>> DecisionsAsync(string key, CancellationToken cancellationToken = default)
    {
        if (await store.GetFeatureAsync(key, cancellationToken) is null)
        {
            return ServiceProblems.NotFound("feature", key);
        }

        IReadOnlyList<FeatureDecisionRecord> records = await store.ListDecisionsAsync(key, cancellationToken);
        return new ServiceResult<IReadOnlyList<FeatureDecision>>(ServiceOutcome.Unchanged, [.. records.Select(FeatureDecisionDocuments.Read)]);
    }

    public async Task<ServiceResult<FeatureTimelineView>> TimelineAsync(string key, CancellationToken cancellationToken = default)
    {
        if (await store.GetFeatureAsync(key, cancellationToken) is not { } record)
        {
            return ServiceProblems.NotFound("feature", key);
        }

        Feature feature = FeatureDocuments.Read(record);
        IReadOnlyList<FeatureDecision> decisions = [.. (await store.ListDecisionsAsync(key, cancellationToken)).Select(FeatureDecisionDocuments.Read)];
        var entries = new List<AuditEntry>();
        foreach ((string kind, string linked) in feature.Links.Select(l => (l.Kind == FeatureLinkKind.Experiment ? "experiment" : "flag", l.Key)).Distinct())
        {
            ServiceResult<IReadOnlyList<AuditEntry>> found = await audit.QueryAsync(new AuditQuery(Kind: kind, Key: linked, Limit: 500), cancellationToken);
            entries.AddRange(found.Value ?? []);
        }

        return new ServiceResult<FeatureTimelineView>(ServiceOutcome.Unchanged, FeatureTimeline.Build(feature, decisions, entries));
    }

    private async Task<ServiceResult<Feature>> SetArchivedAsync(Caller caller, string key, bool archived, long? expectedVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (MayNotEdit(caller) is { } forbidden)
        {
            return forbidden;
        }

        if (await store.GetFeatureAsync(key, cancellationToken) is not { } record)
        {
            return ServiceProblems.NotFound("feature", key);
        }

        Feature current = FeatureDocuments.Read(record);
        if (current.Archived == archived)
        {
            return new ServiceResult<Feature>(ServiceOutcome.Unchanged, current);
        }

        return await WriteAsync(caller, current with { Archived = archived }, expectedVersion ?? current.Version, archived ? "feature.archive" : "feature.unarchive", cancellationToken);
    }

    private async Task<ServiceResult<Feature>> WriteAsync(Caller caller, Feature feature, long expectedVersion, string action, CancellationToken cancellationToken)
    {
        if (expectedVersion != feature.Version)
        {
            return ServiceProblems.StaleVersion("feature", feature.Key, feature.Version);
        }

        FeatureRecord? written = await store.UpdateFeatureAsync(FeatureDocuments.ToRecord(feature), expectedVersion, caller.Actor, action, caller.Reason, cancellationToken);
        if (written is null)
        {
            FeatureRecord? now = await store.GetFeatureAsync(feature.Key, cancellationToken);
            return now is null ? ServiceProblems.NotFound("feature", feature.Key) : ServiceProblems.StaleVersion("feature", feature.Key, now.Version);
        }

        return new ServiceResult<Feature>(ServiceOutcome.Changed, FeatureDocuments.Read(written));
    }

    private static Feature Build(FeatureInput input, string key, FeaturePhase phase, long version, bool archived, string createdBy, DateTimeOffset createdAt, DateTimeOffset updatedAt) =>
        new(
            key, input.Name!.Trim(), input.Owner!.Trim(), input.Problem!.Trim(),
            input.Hypothesis is { } h ? new Hypothesis(h.Statement!.Trim()) { Metric = h.Metric, MinimumEffect = h.MinimumEffect } : null,
            phase,
            [.. (input.Links ?? []).Select(l => new FeatureLink(Parse(l!.Kind), l.Key!, l.Environment, l.Rule)).Distinct()],
            new FeatureValue(input.ValuePerUnit, input.Currency, input.CostPerPersonDay),
            version, archived, createdBy, createdAt, updatedAt);

    private static FeatureLinkKind Parse(string? kind) =>
        FeatureValidator.TryParseKind(kind, out FeatureLinkKind parsed) ? parsed : throw new ArgumentException($"'{kind}' was validated as a link kind.", nameof(kind));

    private static ServiceProblem? MayNotEdit(Caller caller) =>
        caller.CanEdit ? null : ServiceProblems.Forbidden("Viewers read features; ask an editor or an administrator to change them.");
}
