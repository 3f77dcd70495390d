using FailSmart.Application.Accounts;
using FailSmart.Application.Problems;
using FailSmart.Protocol.Admin;
using FailSmart.Storage.Config;

namespace FailSmart.Server.Api;

/// <summary>`/api/v1/accounts`: the people who sign in to the web UI, for automation (the settings page does the same).</summary>
internal static class AccountsApi
{
    public static RouteGroupBuilder MapAccountsApi(this RouteGroupBuilder api)
    {
        RouteGroupBuilder accounts = api.MapGroup("/accounts").WithTags("Accounts");
        accounts.MapGet("/", ListAsync).WithName("ListAccounts").WithSummary("Every person, by user name, without password hashes.")
            .Produces<List<AccountResponse>>();
        accounts.MapPost("/", CreateAsync).WithName("CreateAccount").WithMetadata(StrictJsonBody.For<AccountCreateRequest>("userName", "displayName", "password", "role"))
            .WithMetadata(new RequestBodyDocs(nameof(AccountCreateRequest), """{"userName": "grace@example.com", "displayName": "Grace Hopper", "password": "a long passphrase", "role": "editor", "environments": ["development", "staging"]}"""))
            .WithSummary("Adds a person with a role; an editor may be limited to some environments.")
            .Produces<AccountResponse>(StatusCodes.Status201Created).ProducesValidationProblem();
        accounts.MapPut("/{id}/access", ChangeAccessAsync).WithName("ChangeAccountAccess").WithMetadata(StrictJsonBody.For<AccountAccessRequest>("role"))
            .WithMetadata(new RequestBodyDocs(nameof(AccountAccessRequest), """{"role": "viewer"}"""))
            .WithSummary("Changes a person's role and environments; their sessions end so the new role applies at once.")
            .Produces<AccountResponse>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<IResult> ListAsync(IAccountService accounts, CancellationToken cancellationToken) =>
        TypedResults.Ok((await accounts.ListAsync(cancellationToken)).Select(ToResponse).ToList());

    private static async Task<IResult> CreateAsync(AccountCreateRequest request, IAccountService accounts, HttpContext http)
    {
        if (ReadRole(request.Role, "$.role") is { } badRole)
        {
            return ApiProblems.From(badRole);
        }

        ServiceResult<UserAccount> result = await accounts.CreateAsync(
            ApiCaller.From(http), new NewAccount(request.UserName, request.DisplayName, request.Password), ParseRole(request.Role!), request.Environments, http.RequestAborted);
        return result.Problem is { } problem
            ? ApiProblems.From(problem)
            : TypedResults.Created($"/api/v1/accounts/{result.Value!.Id}", ToResponse(result.Value));
    }

    private static async Task<IResult> ChangeAccessAsync(string id, AccountAccessRequest request, IAccountService accounts, HttpContext http)
    {
        if (ReadRole(request.Role, "$.role") is { } badRole)
        {
            return ApiProblems.From(badRole);
        }

        ServiceResult<UserAccount> result = await accounts.ChangeAccessAsync(ApiCaller.From(http), id, ParseRole(request.Role!), request.Environments, http.RequestAborted);
        return result.Problem is { } problem ? ApiProblems.From(problem) : TypedResults.Ok(ToResponse(result.Value!));
    }

    private static ServiceProblem? ReadRole(string? role, string path) =>
        role is "viewer" or "editor" or "admin" ? null : ServiceProblems.Invalid(path, $"'{role}' is not a role.", "Use 'viewer', 'editor' or 'admin'.");

    private static AccountRole ParseRole(string role) => role switch
    {
        "admin" => AccountRole.Admin,
        "editor" => AccountRole.Editor,
        _ => AccountRole.Viewer,
    };

    private static AccountResponse ToResponse(UserAccount account) =>
        new(account.Id, account.UserName, account.DisplayName, account.Role.ToString().ToLowerInvariant(), account.Environments,
            account.LockoutEnd, account.CreatedAt);
}
