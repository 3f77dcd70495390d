namespace FailSmart.Core.Model;

/// <summary>Only running experiments assign units; draft and stopped ones are skipped.</summary>
public enum ExperimentStatus
{
    Draft,
    Running,
    Stopped,
}
