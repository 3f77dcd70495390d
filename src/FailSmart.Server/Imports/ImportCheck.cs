using FailSmart.Protocol.Admin;

namespace FailSmart.Server.Imports;

/// <summary>What the first pass over an import file found.</summary>
/// <param name="Rows">Rows in the file.</param>
/// <param name="RefusedRows">Rows that cannot be imported (a file that cannot be read on counts one).</param>
/// <param name="Refused">The refused rows by line, at most <see cref="EventImport.MaxListedProblems"/>.</param>
/// <param name="RefusedForConfiguration">
/// Some row named an experiment, guarded rollout, holdout or variation the configuration read with lacks: a newer
/// configuration might have it.
/// </param>
internal sealed record ImportCheck(int Rows, int RefusedRows, List<FieldProblem> Refused, bool RefusedForConfiguration);
