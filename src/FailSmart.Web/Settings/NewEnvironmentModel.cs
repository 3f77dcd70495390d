namespace FailSmart.Web.Settings;

/// <summary>The add-an-environment form's fields.</summary>
internal sealed class NewEnvironmentModel
{
    public string? Key { get; set; }

    public string? Name { get; set; }
}
