using FailSmart.Application.Access;
using FailSmart.Application.Features;
using FailSmart.Application.Problems;
using FailSmart.Application.Rollouts;
using Microsoft.AspNetCore.Components;

namespace FailSmart.Web.Features;

public sealed partial class FeaturePage
{
    private Caller? _caller;
    private Feature? _feature;
    private ServiceProblem? _loadProblem;
    private IReadOnlyList<FeatureDecision> _decisions = [];
    private FeatureTimelineView? _timeline;
    private List<EvidenceChoice> _evidenceChoices = [];
    private ServiceProblem? _problem;
    private bool _loaded;
    private bool _saving;
    private bool _sessionEnded;
    private bool _gateRefused;
    private string _decision = "advance";
    private string _reason = "";
    private string _note = "";
    private string _link = "";
    private string _override = "";

    [Parameter]
    public string Key { get; set; } = "";

    private IEnumerable<(string Value, string Label)> DecisionChoices => _feature?.Phase switch
    {
        FeaturePhase.Stopped when _caller?.Role == CallerRole.Admin => [("restart", "Restart (back to the phase it was stopped in)")],
        FeaturePhase.Stopped => [],
        FeaturePhase.Maintain => [("iterate", "Iterate: stay in Maintain It"), ("stop", "Stop")],
        { } phase => [($"advance", $"Advance to {FeaturePhaseText.Name(phase + 1)}"), ("iterate", $"Iterate: stay in {FeaturePhaseText.Name(phase)}"), ("stop", "Stop")],
        null => [],
    };

    private string DecisionHint => _feature?.Phase == FeaturePhase.Stopped
        ? "A stopped feature stays stopped; an administrator may restart it with a reason."
        : $"{FeaturePhaseText.Question(_feature!.Phase)} Decide with the evidence you relied on: it is frozen with the decision, so it reads the same later even if the experiment is re-analysed or archived.";

    protected override async Task OnParametersSetAsync()
    {
        _caller = await UiCaller.GetAsync();
        _sessionEnded = _caller is null;
        await ReloadAsync();
        _loaded = true;
    }

    private async Task ReloadAsync()
    {
        ServiceResult<Feature> found = await Features.GetAsync(Key);
        _feature = found.Value;
        _loadProblem = found.Problem;
        if (_feature is null)
        {
            return;
        }

        _decisions = (await Features.DecisionsAsync(Key)).Value ?? [];
        _timeline = (await Features.TimelineAsync(Key)).Value;
        if (!DecisionChoices.Any(c => c.Value == _decision))
        {
            _decision = DecisionChoices.Select(c => c.Value).FirstOrDefault() ?? "advance";
        }

        await LoadEvidenceChoicesAsync(_feature);
    }

    /// <summary>The linked experiments and the rollouts of the linked flags, keeping what was ticked.</summary>
    private async Task LoadEvidenceChoicesAsync(Feature feature)
    {
        var choices = new List<EvidenceChoice>();
        foreach (FeatureLink link in feature.Links.Where(l => l.Kind == FeatureLinkKind.Experiment))
        {
            choices.Add(new EvidenceChoice($"experiment-{link.Key}", $"Results of experiment {link.Key} (production)", link.Key, null, null));
        }

        HashSet<string> flags = [.. feature.Links.Where(l => l.Kind is FeatureLinkKind.Flag or FeatureLinkKind.Rollout).Select(l => l.Key)];
        if (flags.Count > 0)
        {
            foreach (RolloutView rollout in await Rollouts.ListAsync())
            {
                if (flags.Contains(rollout.State.Key.Flag))
                {
                    string id = $"rollout-{rollout.State.Key.Environment}-{rollout.State.Key.Flag}-{rollout.State.Key.Rule}";
                    choices.Add(new EvidenceChoice(id, $"Rollout of {rollout.State.Key.Flag} in {rollout.State.Key.Environment} ({rollout.State.Key.Rule})",
                        rollout.State.Key.Flag, rollout.State.Key.Environment, rollout.State.Key.Rule));
                }
            }
        }

        // Read the ticks only now, after the rollouts were listed: the page is live during that wait, and a box
        // ticked then must not be lost when the new list replaces the old one.
        HashSet<string> chosen = [.. _evidenceChoices.Where(c => c.Chosen).Select(c => c.Id)];
        foreach (EvidenceChoice choice in choices)
        {
            choice.Chosen = chosen.Contains(choice.Id);
        }

        _evidenceChoices = choices;
    }

    private async Task DecideAsync()
    {
        _saving = true;
        try
        {
            Caller? caller = await UiCaller.GetAsync();
            if (caller is null || _feature is null)
            {
                _sessionEnded = caller is null;
                return;
            }

            var evidence = new FeatureEvidenceInput(
                [.. _evidenceChoices.Where(c => c.Chosen && c.Environment is null).Select(c => new ExperimentEvidenceInput(c.Key))],
                [.. _evidenceChoices.Where(c => c.Chosen && c.Environment is not null).Select(c => new RolloutEvidenceInput(c.Key, c.Environment, c.Rule))],
                string.IsNullOrWhiteSpace(_note) ? [] : [_note],
                string.IsNullOrWhiteSpace(_link) ? [] : [_link]);
            var input = new FeatureDecisionInput(_decision, _reason, evidence, _gateRefused && !string.IsNullOrWhiteSpace(_override) ? _override : null);
            ServiceResult<FeatureDecision> result = await Features.DecideAsync(caller, _feature.Key, input, _feature.Version);
            _problem = result.Problem;
            _gateRefused = result.Problem?.Title.StartsWith("A gate refuses", StringComparison.Ordinal) == true;
            if (result.Succeeded)
            {
                _reason = _note = _link = _override = "";
                _evidenceChoices.ForEach(c => c.Chosen = false);
                await ReloadAsync();
            }
        }
        finally
        {
            _saving = false;
        }
    }

    private string? StepState(FeaturePhase phase)
    {
        if (_feature is null)
        {
            return null;
        }

        FeaturePhase reached = _feature.Phase == FeaturePhase.Stopped
            ? _decisions.LastOrDefault(d => d.To == FeaturePhase.Stopped)?.From ?? FeaturePhase.Think
            : _feature.Phase;
        return phase < reached ? "done" : phase == _feature.Phase ? "current" : "todo";
    }

    private static string LinkKind(FeatureLinkKind kind) => kind switch
    {
        FeatureLinkKind.Flag => "Flag",
        FeatureLinkKind.Experiment => "Experiment",
        _ => "Rollout of",
    };

    private static string LinkHref(FeatureLink link) => link.Kind switch
    {
        FeatureLinkKind.Flag => $"/flags/{Uri.EscapeDataString(link.Key)}",
        FeatureLinkKind.Experiment => $"/experiments/{Uri.EscapeDataString(link.Key)}",
        _ when link.Environment is not null && link.Rule is not null =>
            $"/rollouts/{Uri.EscapeDataString(link.Environment)}/{Uri.EscapeDataString(link.Key)}/{Uri.EscapeDataString(link.Rule)}",
        _ => "/rollouts",
    };

    private static string EvidenceCount(FeatureEvidence evidence)
    {
        int count = evidence.Experiments.Count + evidence.Rollouts.Count + evidence.Notes.Count + evidence.Links.Count;
        return count switch
        {
            0 => "none named",
            1 => "1 item",
            _ => $"{count} items",
        };
    }

    private sealed class EvidenceChoice(string id, string label, string key, string? environment, string? rule)
    {
        public string Id => id;

        public string Label => label;

        public string Key => key;

        public string? Environment => environment;

        public string? Rule => rule;

        public bool Chosen { get; set; }
    }
}
