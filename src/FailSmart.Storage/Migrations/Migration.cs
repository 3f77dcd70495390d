namespace FailSmart.Storage.Migrations;

/// <summary>One forward-only schema step. Versions start at 1 and increase by one.</summary>
/// <param name="Version">The schema version this step produces.</param>
/// <param name="Name">A short description, recorded with the version.</param>
/// <param name="Sql">Statements separated by semicolons at line ends; run in order inside one transaction where the engine allows.</param>
public sealed record Migration(int Version, string Name, string Sql);
