namespace FailSmart.Application.Schedules;

/// <summary>Another replica applied the change, or someone cancelled it, while this one was getting it ready.</summary>
internal sealed class ScheduleNoLongerPendingException : Exception
{
    public ScheduleNoLongerPendingException()
        : base("The scheduled change is no longer pending.")
    {
    }

    public ScheduleNoLongerPendingException(string message)
        : base(message)
    {
    }

    public ScheduleNoLongerPendingException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
