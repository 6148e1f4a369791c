using NodaTime;
using Parley.Modules.Accounts.Contracts;
using Parley.Modules.Compliance.Contracts;
using Parley.SharedKernel;

namespace Parley.Modules.Compliance.Collection;

/// <summary>
/// What the catalogue's time-barred rules ask of a debt past its statute-of-limitations date, by the customer's
/// jurisdiction: never sue or threaten suit (US-REGF-TIMEBARRED, UK-CONC-STATUTE-BARRED), New York's disclosure before a
/// payment (US-NY-TIMEBARRED-DISCLOSURE: payment does not revive the debt), California's notice in the first written
/// communication (US-CA-TIMEBARRED), and in Scotland nothing at all: a prescribed debt is extinguished.
/// </summary>
public static class TimeBar
{
    public const string CaliforniaNotice =
        "The law limits how long you can be sued on a debt. Because of the age of your debt, we will not sue you for it. If you do not pay the debt, we may continue to report it to the credit reporting agencies as unpaid for as long as the law permits this reporting.";

    /// <summary>The notice for a debt time-barred at <paramref name="at"/> on the customer's calendar, or null when it is not.</summary>
    public static TimeBarNotice? Notice(ContactProfile profile, Instant at)
    {
        var primary = profile.Addresses.Count > 0 ? profile.Addresses[0] : null;
        if (profile.StatuteOfLimitationsDate is not { } sol || !StatuteOfLimitations.IsTimeBarred(sol, at, primary?.TimeZone))
        {
            return null;
        }

        var jurisdiction = primary?.Jurisdiction;
        var disclosures = new List<TimeBarDisclosure>();
        TimeBarDisclosure revival;
        LimitationRevival restarts;
        if (jurisdiction is { IsUk: true } uk)
        {
            if (uk.UkNation == UkNation.Scotland)
            {
                disclosures.Add(new("UK-CONC-STATUTE-BARRED", "In Scotland a prescribed debt no longer exists: it cannot be pursued."));
            }
            else
            {
                disclosures.Add(new("UK-CONC-STATUTE-BARRED", "The limitation period has ended: never suggest court action. If the customer says they will not pay because the debt is statute-barred, stop asking for payment."));
            }

            restarts = LimitationRevival.DoesNotRestart;
            revival = new("UK-CONC-STATUTE-BARRED", "A payment now does not restart the time limit: once the limitation period has ended it cannot be revived (Limitation Act 1980 s.29(7)).");
        }
        else
        {
            disclosures.Add(new("US-REGF-TIMEBARRED", "The time limit for suing on this debt has passed: never sue, threaten or suggest a lawsuit."));
            if (jurisdiction?.InState("CA") == true)
            {
                disclosures.Add(new("US-CA-TIMEBARRED", $"The first written communication must say: \"{CaliforniaNotice}\""));
            }

            if (jurisdiction?.InState("NY") == true)
            {
                disclosures.Add(new("US-NY-TIMEBARRED-DISCLOSURE", "Before accepting a payment, tell the customer that the time limit for suing on this debt has passed and that we cannot sue them for it."));
                restarts = LimitationRevival.DoesNotRestart;
                revival = new("US-NY-TIMEBARRED-DISCLOSURE", "In New York a payment does not restart the time limit for suing on this debt (CPLR 214-i).");
            }
            else
            {
                restarts = LimitationRevival.MayRestart;
                revival = new(null, "A payment may restart the time limit for suing on this debt under state law: tell the customer before they pay.");
            }
        }

        disclosures.Add(revival);
        return new TimeBarNotice(sol, jurisdiction?.Code, restarts, revival, disclosures);
    }

    /// <summary>A prescribed Scottish debt blocks every collection step but a payment the customer chooses to make (UK-CONC-STATUTE-BARRED).</summary>
    public static CollectionBlock? Block(ContactProfile profile, TimeBarNotice? notice, CollectionStep step) =>
        notice is not null && step != CollectionStep.VoluntaryPayment && IsScotland(profile)
            ? new CollectionBlock("prescribed_debt", "Prescribed debt", "UK-CONC-STATUTE-BARRED", "The debt is prescribed under Scottish law and no longer exists: no offers, plans or requests for payment.", null)
            : null;

    private static bool IsScotland(ContactProfile profile) =>
        profile.Addresses.Count > 0 && profile.Addresses[0].Jurisdiction is { IsUk: true, UkNation: UkNation.Scotland };
}
