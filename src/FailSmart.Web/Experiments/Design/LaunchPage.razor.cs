using FailSmart.Application.Access;
using FailSmart.Application.Experiments;
using FailSmart.Application.Problems;
using FailSmart.Storage.Config;
using Microsoft.AspNetCore.Components;

namespace FailSmart.Web.Experiments.Design;

public sealed partial class LaunchPage
{
    private IReadOnlyList<EnvironmentRecord> _environments = [];
    private LaunchChecklist? _checklist;
    private ServiceProblem? _notFound;
    private ServiceProblem? _problem;
    private ChangeRequest? _pending;
    private string? _done;
    private string? _reason;
    private double? _coveragePercent;
    private string _environment = "production";
    private bool _mayAct;
    private bool _isAdmin;
    private bool _busy;
    private bool _acknowledged;
    private bool _sessionEnded;

    [Parameter]
    public string Key { get; set; } = "";

    /// <summary>The environment checked, kept in the address so the page can be shared.</summary>
    [SupplyParameterFromQuery(Name = "environment")]
    public string? EnvironmentQuery { get; set; }

    private string EnvironmentName => _environments.FirstOrDefault(e => e.Key == _environment)?.Name ?? _environment;

    protected override async Task OnParametersSetAsync()
    {
        _environments = await Environments.ListAsync();
        _environment = EnvironmentQuery is { Length: > 0 } wanted && _environments.Any(e => e.Key == wanted)
            ? wanted
            : _environments.FirstOrDefault(e => e.Key == "production")?.Key ?? (_environments.Count > 0 ? _environments[0].Key : "production");
        Caller? caller = await UiCaller.GetAsync();

        // The service decides; the page only hides what this person could not do anyway. Starting changes the experiment everywhere.
        _mayAct = caller?.EditsEverywhere == true;
        _isAdmin = caller?.Role == CallerRole.Admin;
        await ReloadAsync();
    }

    private async Task ReloadAsync()
    {
        ServiceResult<LaunchChecklist> result = await Launch.ChecklistAsync(Key, _environment);
        _checklist = result.Value;
        _notFound = result.Problem;
    }

    private async Task EnvironmentChangedAsync(string environment)
    {
        _environment = environment;
        Navigation.NavigateTo($"/experiments/{Uri.EscapeDataString(Key)}/launch?environment={Uri.EscapeDataString(environment)}", replace: true);
        await ReloadAsync();
    }

    private Task StartAnywayAsync() => ActAsync(LaunchAction.Start, acknowledge: true);

    private async Task ActAsync(LaunchAction action, bool acknowledge)
    {
        _done = null;
        _pending = null;
        _busy = true;
        try
        {
            Caller? caller = await UiCaller.GetAsync(_reason);
            if (caller is null)
            {
                _sessionEnded = true;
                return;
            }

            if (acknowledge)
            {
                caller = caller with { AcknowledgesCollisions = true };
            }

            ServiceResult<StoredResource> result = action switch
            {
                LaunchAction.Start => await Launch.StartAsync(caller, Key),
                LaunchAction.Stop => await Launch.StopAsync(caller, Key),
                _ => await Launch.NewPhaseAsync(caller, Key, new PhaseChange(Coverage: _coveragePercent / 100)),
            };
            _problem = result.Problem;
            if (result.Outcome == ServiceOutcome.PendingApproval)
            {
                _pending = result.Request;
            }
            else if (result.Succeeded)
            {
                _done = action switch
                {
                    LaunchAction.Start => $"Started: '{Key}' now assigns units.",
                    LaunchAction.Stop => $"Stopped: '{Key}' assigns nobody; its results stay readable.",
                    _ => $"Began a new phase of '{Key}'; its results are analysed per phase.",
                };
                _reason = null;
                _coveragePercent = null;
                _acknowledged = false;
            }

            await ReloadAsync();
        }
        finally
        {
            _busy = false;
        }
    }

    private static string StateName(ChecklistState state) => state.ToString().ToLowerInvariant();

    private static string Word(ChecklistState state) => state switch
    {
        ChecklistState.Passed => "Passed",
        ChecklistState.Warning => "Warning",
        _ => "Failed",
    };

    private static string Icon(ChecklistState state) => state switch
    {
        ChecklistState.Passed => "✓",
        ChecklistState.Warning => "!",
        _ => "✗",
    };

    private static string Title(string check) => check switch
    {
        "phase" => "Phase",
        "flag" => "Flag rule",
        "collisions" => "Collisions",
        "metrics" => "Metrics",
        "hypothesis" => "Hypothesis",
        "plan" => "Plan",
        _ => check,
    };
}
