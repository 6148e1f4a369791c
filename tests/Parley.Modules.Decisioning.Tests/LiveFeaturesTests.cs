using NodaTime;
using Parley.Modules.Accounts.Contracts;
using Parley.Modules.Decisioning.Features;
using Parley.Modules.Decisioning.Live;
using Parley.SharedKernel;
using Shouldly;

namespace Parley.Modules.Decisioning.Tests;

public sealed class LiveFeaturesTests
{
    [Fact]
    public void A_placed_history_longer_than_six_months_is_read_as_its_latest_six_as_in_training()
    {
        // Twelve statements: six old ones in arrears, then six paid in full on time.
        var months = Enumerable.Range(0, 12)
            .Select(i => new AccountStatementMonth(new LocalDate(2025, 1, 15).PlusMonths(i), 10_000, 2_500, i < 6 ? 0 : 10_000, i < 6 ? 90 : 0))
            .ToList();
        var account = new AccountStatements(AccountId.New(), CreditorId.New(), Currency.GBP, 0, false, months);

        var features = LiveFeatures.Of(account);

        var latestSix = months.TakeLast(6).Select(m => new StatementMonth(m.AmountDueMinor, m.AmountPaidMinor, m.DaysPastDue)).ToArray();
        features.ShouldBe(EarlyWarningFeatures.Compute(new AccountFacts(0, 2), latestSix));
        features[3].ShouldBe(0f);
        EarlyWarningFeatures.Definitions[3].Explain(features[3]).ShouldBe("in arrears on none of the last six statements");
    }
}
