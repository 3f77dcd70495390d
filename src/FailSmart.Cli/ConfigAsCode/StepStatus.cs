namespace FailSmart.Cli.ConfigAsCode;

/// <summary>What became of one step when the plan was applied.</summary>
internal enum StepStatus
{
    /// <summary>Dry run, or a step that changes nothing.</summary>
    Planned,
    Applied,

    /// <summary>The environment requires approval: the server filed a change request.</summary>
    PendingApproval,

    /// <summary>An identical change request was already waiting: not filed again.</summary>
    AlreadyPending,

    /// <summary>Refers to a resource whose change waits for approval: not tried.</summary>
    Waiting,

    /// <summary>Refused; with a 412, changed on the server since the plan read it.</summary>
    Failed,

    /// <summary>After a refusal, the steps that were not tried.</summary>
    NotTried,
}
