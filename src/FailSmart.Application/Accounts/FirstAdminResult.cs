using FailSmart.Protocol.Admin;
using FailSmart.Storage.Config;

namespace FailSmart.Application.Accounts;

/// <summary>What happened to a first-run form.</summary>
/// <param name="Account">The administrator, when it was created.</param>
/// <param name="AlreadyExists">True when an account existed already, so nothing was created.</param>
/// <param name="Problems">Field problems with hints, when the input was invalid.</param>
public sealed record FirstAdminResult(UserAccount? Account, bool AlreadyExists, IReadOnlyList<FieldProblem> Problems)
{
    public bool Created => Account is not null;
}
