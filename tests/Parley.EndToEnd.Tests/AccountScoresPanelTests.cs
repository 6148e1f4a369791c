using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Parley.Modules.Accounts.Domain;
using Parley.Modules.Decisioning.Contracts;
using Parley.Persistence;
using Parley.SharedKernel.Security;
using Parley.SharedKernel.UseCases;

namespace Parley.EndToEnd.Tests;

/// <summary>The account page's Insight panel reads the scores as the signed-in agent, through the same use case as the endpoint.</summary>
public sealed class AccountScoresPanelTests
{
    private const string Header =
        "creditor_code,customer_ref,given_name,family_name,date_of_birth,language,address_line1,address_line2,city,postal_code,jurisdiction,time_zone,"
        + "mobile_phone,mobile_consent,home_phone,work_phone,email,email_type,email_consent,account_ref,product_type,original_creditor,currency,"
        + "principal,interest,fees,charge_off_date,last_payment_date,days_past_due,statute_of_limitations_date,status,statements";

    private const string Ada =
        "ACME-CARD,CUST-77,Ada,Lovelace,1985-12-10,en-US,12 Analytical Way,,Boston,02110,US-MA,,(617) 253-0142,call,,,ada@example.org,personal,yes,"
        + "ACC-1001,credit_card,Acme Bank,USD,1820.50,94.75,35.00,2026-06-30,2026-03-14,120,2032-06-30,open,";

    [Fact]
    public async Task An_agent_sees_both_scores_in_words_with_the_segment_and_model_version()
    {
        await using var staff = await StaffBrowser.StartAsync("UTC");
        await staff.CreateCreditorAsync("ACME-CARD", "Acme Card Services", "USD");
        (await staff.ImportAsync("scores.csv", $"{Header}\r\n{Ada}\r\n")).RowsAccepted.ShouldBe(1L);
        await staff.CreateStaffAsync("agent@parley.test", StaffRoles.Agent);
        await using (var scope = staff.Factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IUseCase<RegisterDefaultModelsRequest, IReadOnlyList<ModelRegistration>>>()
                .HandleAsync(Actor.System("test seed"), new RegisterDefaultModelsRequest(), CancellationToken.None);
        }

        var accountId = await AccountIdAsync(staff.Factory.Services, "ACC-1001");
        await staff.WalkAsync("account-scores", async page =>
        {
            await staff.SignInAtAsync($"/accounts/{accountId}", "agent@parley.test");
            var panel = page.GetByTestId("account-scores");
            await Assertions.Expect(panel.GetByTestId("score-percent")).ToHaveCountAsync(2);
            await Assertions.Expect(panel).ToContainTextAsync("Chance of missing the next payment:");
            await Assertions.Expect(panel).ToContainTextAsync("Chance of a payment within 30 days:");
            await Assertions.Expect(panel).ToContainTextAsync("by model version 20261123-");
            await Assertions.Expect(panel).ToContainTextAsync("Segment:");
            await Assertions.Expect(panel).Not.ToContainTextAsync("Scores are unavailable");
        });
    }

    private static async Task<Guid> AccountIdAsync(IServiceProvider services, string accountRef)
    {
        await using var scope = services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<ParleyDbContext>().Set<Account>().SingleAsync(a => a.CreditorReference == accountRef)).Id.Value;
    }
}
