using System.ComponentModel.DataAnnotations;

namespace FailSmart.Server.Hosting;

/// <summary>Where the embedded stores keep their files (section "Storage").</summary>
public sealed class StorageOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Storage";

    /// <summary>The data folder; created when missing.</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "Storage:DataPath must name a folder, for example ./failsmart-data.")]
    public string DataPath { get; set; } = "./failsmart-data";
}
