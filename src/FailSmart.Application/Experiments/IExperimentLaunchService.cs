using FailSmart.Application.Access;
using FailSmart.Application.Problems;
using FailSmart.Storage.Config;

namespace FailSmart.Application.Experiments;

/// <summary>
/// Launching an experiment, for the API, the CLI and the web UI alike: what to check before it starts, and
/// starting, stopping and beginning a new phase as explicit actions with a reason. Each action is a write
/// through <see cref="Configuration.IResourceService"/>, so roles, approvals, validation, the collision guard
/// and the audit log apply exactly as to any other change of the experiment.
/// </summary>
public interface IExperimentLaunchService
{
    /// <summary>The launch checklist of an experiment in one environment; a read that changes nothing.</summary>
    Task<ServiceResult<LaunchChecklist>> ChecklistAsync(string experiment, string environment, CancellationToken cancellationToken = default);

    /// <summary>Sets a draft (or stopped) experiment running; a stopped one starts again in a new phase.</summary>
    Task<ServiceResult<StoredResource>> StartAsync(Caller caller, string experiment, CancellationToken cancellationToken = default);

    /// <summary>Stops a running or draft experiment, so it assigns nobody.</summary>
    Task<ServiceResult<StoredResource>> StopAsync(Caller caller, string experiment, CancellationToken cancellationToken = default);

    /// <summary>Begins the next phase of a running experiment, optionally with new weights or coverage.</summary>
    Task<ServiceResult<StoredResource>> NewPhaseAsync(Caller caller, string experiment, PhaseChange change, CancellationToken cancellationToken = default);
}
