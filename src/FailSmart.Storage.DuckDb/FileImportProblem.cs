namespace FailSmart.Storage.DuckDb;

/// <summary>Why a file was refused: the file, where in it (a CSV line or a Parquet row), the column, and what to do.</summary>
public sealed record FileImportProblem(string File, string? Location, string? Column, string Message)
{
    public override string ToString() =>
        File + (Location is null ? "" : " " + Location) + (Column is null ? "" : $", column '{Column}'") + ": " + Message;
}
