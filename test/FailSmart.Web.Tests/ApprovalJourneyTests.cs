using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace FailSmart.Web.Tests;

/// <summary>
/// With approvals on in production: an editor's production change waits; a second person approves it in
/// their own browser; the change applies; the audit log names both.
/// </summary>
public sealed class ApprovalJourneyTests(UiJourney journey) : IClassFixture<UiJourney>
{
    private const string Flag = """
        {"key":"one-page-checkout","type":"boolean","variations":[{"key":"off","value":false},{"key":"on","value":true}],
         "environments":{"production":{"enabled":false,"offVariation":"off","defaultVariation":"on","rules":[]},
                         "staging":{"enabled":true,"offVariation":"off","defaultVariation":"on","rules":[]}}}
        """;

    [Fact]
    public async Task An_editors_production_change_waits_until_a_second_person_approves_it()
    {
        await journey.AddPersonAsync("grace@example.com", "Grace Hopper", "editor");
        using HttpClient api = journey.Server.AdminApi();
        (await api.PutAsJsonAsync("/api/v1/environments/production/approval", new { requiresApproval = true }, UiJourney.Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        using (var created = await api.PostAsync("/api/v1/flags", new StringContent(Flag, System.Text.Encoding.UTF8, "application/json"), UiJourney.Ct))
        {
            created.StatusCode.ShouldBe(HttpStatusCode.Created);
        }

        // The editor turns the flag on in production: it becomes a change request, and production still serves it off.
        (IBrowserContext editorContext, IPage editor) = await journey.SignInAsync("grace@example.com");
        await editor.GotoAsync("/flags/one-page-checkout");
        await FlagPages.InteractiveAsync(editor);
        await editor.GetByTestId("toggle-production").ClickAsync();
        (await editor.GetByTestId("toggle-message").InnerTextAsync()).ShouldContain("production");
        await editor.GetByTestId("confirm-toggle").ClickAsync();
        string pending = await editor.GetByTestId("pending").InnerTextAsync();
        pending.ShouldStartWith("Sent for approval: change request #");
        await UiJourney.CheckPageAsync(editor, "approval-editor-pending");
        (await ProductionEnabledAsync(api)).ShouldBeFalse();
        await editor.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("^change request #") }).ClickAsync();
        await editor.GetByTestId("decide").WaitForAsync();
        (await editor.GetByRole(AriaRole.Button, new() { Name = "Approve and apply" }).CountAsync()).ShouldBe(0); // nobody approves their own change
        (await editor.GetByRole(AriaRole.Button, new() { Name = "Withdraw" }).CountAsync()).ShouldBe(1);
        string requestUrl = editor.Url;

        // The administrator, in another browser, sees the diff and approves.
        (IBrowserContext adminContext, IPage admin) = await journey.SignInAsync();
        await admin.GotoAsync(requestUrl);
        await admin.Locator("[data-testid=change-request-page][data-interactive=true]").WaitForAsync();
        string diff = await admin.GetByTestId("diff").InnerTextAsync();
        diff.ShouldContain("$.environments.production.enabled");
        await UiJourney.CheckPageAsync(admin, "approval-request-diff");
        await admin.GetByLabel("Note (optional)").FillAsync("Checked with payments.");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Approve and apply" }).ClickAsync();
        await admin.GetByTestId("outcome").Filter(new() { HasTextRegex = new System.Text.RegularExpressions.Regex("[Aa]pplied") }).WaitForAsync();
        await UiJourney.CheckPageAsync(admin, "approval-request-applied");

        (await ProductionEnabledAsync(api)).ShouldBeTrue();
        JsonElement audit = JsonDocument.Parse(await api.GetStringAsync("/api/v1/audit?kind=flag&key=one-page-checkout", UiJourney.Ct)).RootElement;
        audit[0].GetProperty("action").GetString().ShouldBe("toggle");
        audit[0].GetProperty("actor").GetString().ShouldBe("Grace Hopper <grace@example.com>");
        audit[0].GetProperty("approver").GetString().ShouldBe($"{UiJourney.AdminName} <{UiJourney.AdminEmail}>");
        audit[1].GetProperty("action").GetString().ShouldBe("request");

        // The editor's open page follows: the request shows as applied without a reload.
        await editor.GetByTestId("outcome").Filter(new() { HasTextRegex = new System.Text.RegularExpressions.Regex("[Aa]pplied") }).WaitForAsync();
        editor.Url.ShouldBe(requestUrl);
        await editorContext.DisposeAsync();
        await adminContext.DisposeAsync();
    }

    private static async Task<bool> ProductionEnabledAsync(HttpClient api)
    {
        JsonElement flag = JsonDocument.Parse(await api.GetStringAsync("/api/v1/flags/one-page-checkout", UiJourney.Ct)).RootElement;
        return flag.GetProperty("document").GetProperty("environments").GetProperty("production").GetProperty("enabled").GetBoolean();
    }
}
