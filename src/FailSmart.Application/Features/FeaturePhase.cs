namespace FailSmart.Application.Features;

/// <summary>Where a feature stands in the product lifecycle. Each phase asks its own question.</summary>
public enum FeaturePhase
{
    /// <summary>Think It: is the problem real, and worth solving?</summary>
    Think,

    /// <summary>Build It: can we build the smallest thing that tests the hypothesis?</summary>
    Build,

    /// <summary>Ship It: does it work for real users, behind a flag, without harm?</summary>
    Ship,

    /// <summary>Tweak It: does it move the metric, and which version moves it most?</summary>
    Tweak,

    /// <summary>Maintain It: is it still worth what it costs to keep?</summary>
    Maintain,

    /// <summary>Stopped: the team decided to stop, and kept the lesson.</summary>
    Stopped,
}
