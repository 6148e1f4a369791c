using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using NodaTime;
using Parley.Modules.Accounts.Contracts;
using Parley.Modules.Arrangements.Contracts;
using Parley.Modules.Compliance.Contracts;
using Parley.Modules.Compliance.Engine;
using Parley.Modules.Compliance.Scenarios;
using Parley.Modules.Payments.Contracts;
using Parley.Web.Ui.Shared;

namespace Parley.Web.Tests;

/// <summary>Staff pages read words, not enum names or codes: every value of every enum a page shows has a label (a one-word name such as "Open" may be its own label).</summary>
public sealed partial class LabelsTests
{
    // The enums staff pages show; each must have its Labels.Of overload (a missing one fails here, a missing value fails the build).
    private static readonly Type[] Shown =
    [
        typeof(ProductType), typeof(AccountStatus), typeof(DelinquencyBucket), typeof(HoldType), typeof(PhoneType), typeof(EmailType),
        typeof(ImportRunStatus), typeof(LedgerEntryKind), typeof(Channel), typeof(Verdict), typeof(Parley.Modules.Decisioning.Contracts.ModelKind),
        typeof(Parley.Modules.Arrangements.Contracts.ArrangementStatus), typeof(Parley.Modules.Arrangements.Contracts.ApprovalState),
        typeof(Parley.Modules.Arrangements.Contracts.OfferKind), typeof(Parley.Modules.Arrangements.Contracts.Frequency), typeof(AccountSort), typeof(PaymentMethod),
        typeof(ContactChannel), typeof(Parley.Modules.Outreach.Contracts.OutreachStep), typeof(Parley.Modules.Outreach.Contracts.PlannedContactStatus),
    ];

    public static TheoryData<Type> Enums => new(Shown);

    [Theory]
    [MemberData(nameof(Enums))]
    public void Every_value_has_a_label_in_words_not_its_name(Type type)
    {
        var of = typeof(Labels).GetMethod(nameof(Labels.Of), BindingFlags.Public | BindingFlags.Static, [type]);
        of.ShouldNotBeNull($"Labels.Of({type.Name}) is missing");
        foreach (var value in Enum.GetValues(type))
        {
            var name = value.ToString()!;
            var label = (string)of.Invoke(null, [value])!;
            label.ShouldNotBeNullOrWhiteSpace(name);
            IsCode(label).ShouldBeFalse($"{type.Name}.{name} is labelled '{label}', which reads like a code");
        }
    }

    [Fact]
    public void Every_labelled_enum_is_checked()
    {
        var labelled = typeof(Labels).GetMethods(BindingFlags.Public | BindingFlags.Static)
            .Where(m => m.Name == nameof(Labels.Of)).Select(m => m.GetParameters().Single().ParameterType);
        labelled.ShouldBe(Shown, ignoreOrder: true);
    }

    [Fact]
    public void The_codes_views_carry_read_as_the_enums_labels()
    {
        foreach (var kind in Enum.GetValues<LedgerEntryKind>())
        {
            Labels.LedgerKind(kind.Name()).ShouldBe(Labels.Of(kind));
        }

        foreach (var verdict in Enum.GetValues<Verdict>())
        {
            Labels.VerdictCode(ScenarioEvaluation.DecisionName(verdict)).ShouldBe(Labels.Of(verdict));
        }

        foreach (var channel in Enum.GetValues<Channel>())
        {
            Labels.ChannelCode(JsonNamingPolicy.SnakeCaseLower.ConvertName(channel.ToString())).ShouldBe(Labels.Of(channel));
        }

        foreach (var status in Enum.GetValues<Parley.Modules.Arrangements.Contracts.ArrangementStatus>())
        {
            Labels.PlanStatus(JsonNamingPolicy.SnakeCaseLower.ConvertName(status.ToString())).ShouldBe(Labels.Of(status));
        }

        Labels.Approval("not_needed").ShouldBe("no approval needed");
        Labels.PlanShape(new PlanShapeSpec.Step([new StepSpec(3, 50m)])).ShouldBe("Step-up / step-down");
        Labels.PlanShape(new PlanShapeSpec.Fixed()).ShouldBe("Fixed instalments");
        Labels.Of(Frequency.FourWeekly).ShouldBe("every four weeks");
        Labels.PlanSettings(new PlanShapeSpec.Step([new StepSpec(3, 20m), new StepSpec(6, 30m)]), "USD").ShouldBe("3 × USD 20.00, 6 × USD 30.00, then the instalment");
        Labels.PlanSettings(new PlanShapeSpec.Seasonal([8], [12, 1], 25m), "GBP").ShouldBe("nothing due in Aug; GBP 25.00 in Dec, Jan");
        Labels.PlanSettings(new PlanShapeSpec.Income(12.5m, 50m, 200m, [1000m]), "GBP").ShouldBe("12.5 % of declared income, at least GBP 50.00, at most GBP 200.00");
        Labels.PlanSettings(new PlanShapeSpec.Settlement(20m, 3), "GBP").ShouldBe("20 % discount, 3 payments");
        Labels.PlanSettings(new PlanShapeSpec.Holiday(1), "GBP").ShouldBe("nothing due for 1 period");
        Labels.PlanSettings(new PlanShapeSpec.Fixed(), "GBP").ShouldBeEmpty();
    }

    [Fact]
    public void The_change_history_reads_in_words()
    {
        Labels.ChangeField("StatuteOfLimitationsDate").ShouldBe("Statute of limitations");
        Labels.ChangeValue("Status", "InArrangement").ShouldBe("In an arrangement");
        Labels.ChangeValue("ProductType", "PersonalLoan").ShouldBe("Personal loan");
        Labels.ChangeValue("ChargeOffDate", "2026-06-30").ShouldBe("30 Jun 2026");
        Labels.ChangeValue("arrangement", "awaiting_approval").ShouldBe("awaiting approval");
        Labels.ChangeValue("DaysPastDue", "150").ShouldBe("150");
    }

    [Fact]
    public void Every_compliance_rule_has_a_meaning()
    {
        foreach (var rule in RulePacks.All)
        {
            RuleText.Known.ShouldContain(rule.Id, $"{rule.Id} has no meaning in RuleText");
            RuleText.Meaning(rule.Id).ShouldNotContain(rule.Id);
        }

        RuleText.Known.ShouldBe(RulePacks.All.Select(r => r.Id), ignoreOrder: true);
    }

    [Fact]
    public void Dates_and_times_read_one_way_everywhere_with_the_zone()
    {
        var at = Instant.FromUtc(2026, 12, 6, 4, 36);
        Display.Instant(at).ShouldBe("6 Dec 2026, 04:36 UTC");
        Display.Instant(Instant.FromUtc(2026, 11, 2, 15, 0), DateTimeZoneProviders.Tzdb["America/New_York"]).ShouldBe("2 Nov 2026, 10:00 EST");
        ViewerTime.Format(at, DateTimeZoneProviders.Tzdb["Europe/London"]).ShouldBe("6 Dec 2026, 04:36 GMT");
        Display.Instant("2026-12-06T04:36:00Z", DateTimeZone.Utc).ShouldBe("6 Dec 2026, 04:36 UTC");
        Display.Date(new LocalDate(2026, 12, 6)).ShouldBe("6 Dec 2026");
        Display.Instant((Instant?)null).ShouldBe("—");
    }

    /// <summary>A PascalCase compound (<c>InArrangement</c>) or a snake_case code (<c>write_off</c>).</summary>
    public static bool IsCode(string text) => CodeLike().IsMatch(text);

    [GeneratedRegex(@"\b[A-Z][a-z]+[A-Z][A-Za-z]*\b|\b[a-z]+_[a-z_]+\b")]
    private static partial Regex CodeLike();
}
