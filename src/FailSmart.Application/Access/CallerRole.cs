namespace FailSmart.Application.Access;

/// <summary>What a caller may do. An admin API key acts as <see cref="Admin"/>.</summary>
public enum CallerRole
{
    /// <summary>Reads everything, changes nothing.</summary>
    Viewer,

    /// <summary>Changes flags and shared resources, perhaps only some environments' parts of flags.</summary>
    Editor,

    /// <summary>Everything, including people, keys, environments and approval policy.</summary>
    Admin,
}
