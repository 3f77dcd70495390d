namespace FailSmart.Web.Experiments.Design;

/// <summary>What the launch page's buttons ask for.</summary>
public enum LaunchAction
{
    Start,
    Stop,
    NewPhase,
}
