using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Parley.Modules.Decisioning.Contracts;
using Parley.Modules.Decisioning.Registry;
using Parley.SharedKernel.Security;

namespace Parley.EndToEnd.Tests;

/// <summary>The Models page leads with a summary per kind in plain words; the full card and hashes are folded away.</summary>
public sealed class ModelsPageTests
{
    [Fact]
    public async Task Each_kind_is_summarised_first_with_its_quality_and_the_simulated_labels_warning_and_the_card_is_folded()
    {
        await using var staff = await StaffBrowser.StartAsync("UTC");
        await using (var scope = staff.Factory.Services.CreateAsyncScope())
        {
            // The models shipped in the repository: early warning (AUC 0.78, UCI data) and propensity (AUC 0.91, simulated labels).
            await scope.ServiceProvider.GetRequiredService<DefaultModel>().HandleAsync(Actor.System("test seed"), new RegisterDefaultModelsRequest(), CancellationToken.None);
        }

        await staff.WalkAsync("models", async page =>
        {
            await staff.SignInAtAsync("/models");
            await Assertions.Expect(page.GetByTestId("models")).ToHaveAttributeAsync("data-interactive", "true");
            var earlyWarning = page.Locator("[data-testid=model-summary][data-kind=EarlyWarning]");
            var propensity = page.Locator("[data-testid=model-summary][data-kind=Propensity]");

            await Assertions.Expect(earlyWarning).ToContainTextAsync("How likely a customer is to miss their next payment");
            await Assertions.Expect(earlyWarning.GetByTestId("quality-ranking")).ToContainTextAsync("Fair at telling apart who will and who will not (AUC 0.78;");
            await Assertions.Expect(earlyWarning.GetByTestId("quality-calibration")).ToContainTextAsync("Yes: a score of 30 % means about 30 in 100 such customers did (calibration error 0.6 percentage points");
            await Assertions.Expect(earlyWarning.GetByTestId("training-data")).ToContainTextAsync("24,000 customers in train.csv, 22.0 % of them missed their next payment");
            await Assertions.Expect(earlyWarning.GetByTestId("simulated-labels")).ToHaveCountAsync(0);

            await Assertions.Expect(propensity.GetByTestId("quality-ranking")).ToContainTextAsync("Excellent at telling apart who will and who will not (AUC 0.91;");
            await Assertions.Expect(propensity.GetByTestId("simulated-labels")).ToContainTextAsync("Trained on SIMULATED outcomes");
            await Assertions.Expect(propensity.GetByTestId("active-version")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^20261207-[0-9a-f]{8}$"));

            // The full card is there, folded until asked for.
            var card = propensity.GetByTestId("model-card");
            await Assertions.Expect(card.GetByText("Model card — propensity to pay (parley-propensity/1)")).ToBeHiddenAsync();
            await card.GetByText("Full model card").ClickAsync();
            await Assertions.Expect(card.GetByText("Model card — propensity to pay (parley-propensity/1)")).ToBeVisibleAsync();
            await Assertions.Expect(card).ToContainTextAsync("Scoring file SHA-256 6d9ea3d38eac99b46d60d48756261717e3b75095b44701a96ada0844479318ff");
            await staff.ScreenshotAsync("models-page.png", fullPage: true);
        });
    }
}
