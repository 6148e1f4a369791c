using System.Globalization;
using NodaTime;
using Parley.SharedKernel;

namespace Parley.Modules.Arrangements.Schedules;

/// <summary>One instalment: when it is due, how much, and the account's balance once it is paid.</summary>
public sealed record Instalment(int Number, LocalDate Due, Money Amount, Money BalanceAfter);

/// <summary>
/// A plan's instalments. They sum exactly to <see cref="Settles"/>, the amount the plan repays (the balance; less the
/// discount for a settlement; the promised amount for a promise to pay).
/// </summary>
public sealed record Schedule(PlanRequest Request, Money Settles, IReadOnlyList<Instalment> Instalments)
{
    public Money Balance => Request.Balance;

    /// <summary>What the creditor forgoes when a settlement is completed; zero for every other shape.</summary>
    public Money WrittenOff => Request.Shape is Settlement ? Balance - Settles : Money.Zero(Balance.Currency);

    public Money TotalPaid => Instalments.Aggregate(Money.Zero(Balance.Currency), (sum, i) => sum + i.Amount);

    public LocalDate EndDate => Instalments[^1].Due;

    /// <summary>
    /// The schedule with each due date moved past bank holidays in the customer's <paramref name="calendar"/>, as their
    /// bank would collect; a promise to pay keeps the date the customer promised.
    /// </summary>
    public Schedule InCalendar(BankHolidayCalendar calendar) => Request.Shape is PromiseToPay || calendar == BankHolidayCalendar.WeekendsOnly
        ? this
        : this with { Instalments = [.. Instalments.Select(i => i with { Due = PaymentCalendar.NextBusinessDay(i.Due, calendar) })] };
}

/// <summary>
/// Builds exact schedules. Each period pays its shape's amount, or what is left if that is less, so every instalment
/// but the last is the full amount and the remainder (never more than one instalment) goes to the last. A request the
/// creditor's policy or common sense refuses throws a <see cref="PlanError"/>; nothing is built.
/// </summary>
public static class ScheduleBuilder
{
    /// <summary>Ten years of weekly instalments; a plan longer than this is not a plan.</summary>
    public const int MaxInstalments = 520;

    /// <summary>A consumer balance above this (in major units) is taken to be a typing error.</summary>
    public const decimal MaxBalance = PlanFieldChecks.MaxAmount;

    /// <summary>A plan starts within a year.</summary>
    public const int MaxDaysAhead = 366;

    public const int MaxSteps = PlanFieldChecks.MaxSteps;

    public const int MaxDeclaredIncomes = PlanFieldChecks.MaxDeclaredIncomes;

    public static Schedule Build(PlanRequest request, PlanPolicy policy, LocalDate today)
    {
        var balance = request.Balance;
        var currency = balance.Currency;
        if (policy.MinimumInstalment.Currency != currency)
        {
            throw Refuse(new PlanCurrencyMismatch("currency", policy.MinimumInstalment.Currency, currency));
        }

        if (!balance.IsPositive)
        {
            throw Refuse(new NothingOwed(balance));
        }

        if (balance.Amount > MaxBalance)
        {
            throw Refuse(new InvalidPlanParameter("balance", string.Create(CultureInfo.InvariantCulture, $"{balance} is more than the largest balance a plan accepts ({MaxBalance:N0})")));
        }

        if (request.Start < today)
        {
            throw Refuse(new StartInThePast(request.Start, today));
        }

        if (Period.Between(today, request.Start, PeriodUnits.Days).Days > MaxDaysAhead)
        {
            throw Refuse(new InvalidPlanParameter("start", string.Create(CultureInfo.InvariantCulture, $"{request.Start:uuuu-MM-dd} is more than {MaxDaysAhead} days ahead")));
        }

        return request.Shape switch
        {
            FixedInstalments f => Fixed(request, policy, f),
            SteppedInstalments s => Stepped(request, policy, s),
            SeasonalInstalments s => Seasonal(request, policy, s),
            IncomeShare i => Income(request, policy, i),
            Settlement s => Settle(request, policy, s),
            PromiseToPay p => Promise(request, policy, p),
            PaymentHoliday h => Holiday(request, policy, h),
            _ => throw new ArgumentOutOfRangeException(nameof(request), request.Shape.Name, "Unknown plan shape."),
        };
    }

    private static Schedule Fixed(PlanRequest request, PlanPolicy policy, FixedInstalments shape)
    {
        RequireInstalment("amount", shape.Instalment, request.Balance, policy);
        return Run(request, request.Balance, (_, _) => shape.Instalment);
    }

    private static Schedule Stepped(PlanRequest request, PlanPolicy policy, SteppedInstalments shape)
    {
        if (shape.Steps.Count is 0 or > MaxSteps)
        {
            throw Refuse(new InvalidPlanParameter("shape", string.Create(CultureInfo.InvariantCulture, $"a stepped plan has 1 to {MaxSteps} steps")), ShapeSettings.Steps);
        }

        foreach (var step in shape.Steps)
        {
            if (step.Periods is < 1 or > MaxInstalments)
            {
                throw Refuse(new InvalidPlanParameter("shape", string.Create(CultureInfo.InvariantCulture, $"a step lasts 1 to {MaxInstalments} periods, not {step.Periods}")), ShapeSettings.Steps);
            }

            RequireInstalment("shape", step.Amount, request.Balance, policy, ShapeSettings.Steps);
        }

        RequireInstalment("amount", shape.Then, request.Balance, policy);
        var ends = new int[shape.Steps.Count];
        for (int i = 0, total = 0; i < ends.Length; i++)
        {
            total += shape.Steps[i].Periods;
            ends[i] = total;
        }

        return Run(request, request.Balance, (period, _) =>
        {
            var step = Array.FindIndex(ends, end => period < end);
            return step < 0 ? shape.Then : shape.Steps[step].Amount;
        });
    }

    private static Schedule Seasonal(PlanRequest request, PlanPolicy policy, SeasonalInstalments shape)
    {
        RequireInstalment("amount", shape.Instalment, request.Balance, policy);
        if (shape.ReducedMonths.Concat(shape.SkippedMonths).Any(m => m is < 1 or > 12))
        {
            throw Refuse(new InvalidPlanParameter("shape", "months are numbered 1 (January) to 12 (December)"), shape.SkippedMonths.Any(m => m is < 1 or > 12) ? ShapeSettings.SkippedMonths : ShapeSettings.ReducedMonths);
        }

        if (shape.ReducedMonths.Overlaps(shape.SkippedMonths))
        {
            throw Refuse(new InvalidPlanParameter("shape", "a month cannot be both reduced and skipped"), ShapeSettings.ReducedMonths);
        }

        if (shape.SkippedMonths.Count == 12)
        {
            throw Refuse(new InvalidPlanParameter("shape", "a seasonal plan must leave at least one month to pay in"), ShapeSettings.SkippedMonths);
        }

        if (shape.ReducedMonths.Count > 0)
        {
            RequireInstalment("shape", shape.ReducedAmount, request.Balance, policy, ShapeSettings.ReducedAmount);
        }

        return Run(request, request.Balance, (_, due) =>
            shape.SkippedMonths.Contains(due.Month) ? null
            : shape.ReducedMonths.Contains(due.Month) ? shape.ReducedAmount
            : shape.Instalment);
    }

    private static Schedule Income(PlanRequest request, PlanPolicy policy, IncomeShare shape)
    {
        var balance = request.Balance;
        if (shape.Percent is <= 0m or > 100m)
        {
            throw Refuse(new InvalidPlanParameter("shape", "the share of income is a percentage above 0 and at most 100"), ShapeSettings.Percent);
        }

        if (shape.DeclaredIncomes.Count is 0 or > MaxDeclaredIncomes)
        {
            throw Refuse(new InvalidPlanParameter("shape", string.Create(CultureInfo.InvariantCulture, $"declare 1 to {MaxDeclaredIncomes} incomes, one per period")), ShapeSettings.Incomes);
        }

        foreach (var income in shape.DeclaredIncomes)
        {
            RequireCurrency("shape", income, balance.Currency, ShapeSettings.Incomes);
            if (income.IsNegative || income.Amount > MaxBalance)
            {
                throw Refuse(new InvalidPlanParameter("shape", $"a declared income of {income} is not plausible"), ShapeSettings.Incomes);
            }
        }

        RequireInstalment("shape", shape.Floor, balance, policy, ShapeSettings.Floor);
        RequireCurrency("shape", shape.Cap, balance.Currency, ShapeSettings.Cap);
        if (shape.Cap < shape.Floor)
        {
            throw Refuse(new InvalidPlanParameter("shape", $"the cap ({shape.Cap}) is below the floor ({shape.Floor})"), ShapeSettings.Cap);
        }

        return Run(request, balance, (period, _) =>
        {
            var income = shape.DeclaredIncomes[period % shape.DeclaredIncomes.Count];
            var share = Money.Round(income.Amount * shape.Percent / 100m, balance.Currency, MidpointRounding.ToZero);
            return Money.Min(Money.Max(share, shape.Floor), shape.Cap);
        });
    }

    private static Schedule Settle(PlanRequest request, PlanPolicy policy, Settlement shape)
    {
        var balance = request.Balance;
        if (shape.DiscountPercent is < 0m or >= 100m)
        {
            throw Refuse(new InvalidPlanParameter("shape", "a settlement discount is a percentage from 0 to below 100"), ShapeSettings.DiscountPercent);
        }

        if (shape.DiscountPercent < policy.SettlementDiscountMinPercent || shape.DiscountPercent > policy.SettlementDiscountMaxPercent)
        {
            throw Refuse(new SettlementDiscountOutsidePolicy(shape.DiscountPercent, policy.SettlementDiscountMinPercent, policy.SettlementDiscountMaxPercent), ShapeSettings.DiscountPercent);
        }

        if (shape.Instalments is < 1 or > Settlement.MaxInstalments)
        {
            throw Refuse(new InvalidPlanParameter("shape", string.Create(CultureInfo.InvariantCulture, $"a settlement is paid in 1 to {Settlement.MaxInstalments} instalments")), ShapeSettings.Instalments);
        }

        // The discount is rounded down, so the creditor never forgoes more than its bound allows.
        var discount = Money.Round(balance.Amount * shape.DiscountPercent / 100m, balance.Currency, MidpointRounding.ToZero);
        var settles = balance - discount;
        var part = Money.FromMinorUnits(settles.ToMinorUnits() / shape.Instalments, balance.Currency);
        if (part < Money.Min(policy.MinimumInstalment, settles))
        {
            throw Refuse(new InstalmentBelowMinimum("shape", part, policy.MinimumInstalment), ShapeSettings.Instalments);
        }

        return Run(request, settles, (period, _) => period < shape.Instalments - 1 ? part : settles);
    }

    private static Schedule Promise(PlanRequest request, PlanPolicy policy, PromiseToPay shape)
    {
        RequireInstalment("amount", shape.Amount, request.Balance, policy);

        // The customer names the day they will pay (a card payment can be made at a weekend): no weekend rule.
        var balanceAfter = request.Balance - shape.Amount;
        return new Schedule(request, shape.Amount, [new Instalment(1, request.Start, shape.Amount, balanceAfter)]);
    }

    private static Schedule Holiday(PlanRequest request, PlanPolicy policy, PaymentHoliday shape)
    {
        if (shape.Periods is < 1 or > PaymentHoliday.MaxPeriods)
        {
            throw Refuse(new InvalidPlanParameter("shape", string.Create(CultureInfo.InvariantCulture, $"a payment holiday lasts 1 to {PaymentHoliday.MaxPeriods} periods")), ShapeSettings.Periods);
        }

        RequireInstalment("amount", shape.Instalment, request.Balance, policy);
        return Run(request, request.Balance, (period, _) => period < shape.Periods ? null : shape.Instalment);
    }

    /// <summary>Walks the periods from the start, paying each one's amount (null: nothing due) until <paramref name="settles"/> is paid.</summary>
    private static Schedule Run(PlanRequest request, Money settles, Func<int, LocalDate, Money?> amountFor)
    {
        var writeOff = request.Balance - settles;
        var remaining = settles;
        var instalments = new List<Instalment>();
        for (var period = 0; remaining.IsPositive; period++)
        {
            if (instalments.Count == MaxInstalments || period > MaxInstalments * 12)
            {
                throw Refuse(new PlanTooLong(request.Shape is IncomeShare ? "shape" : "amount", MaxInstalments));
            }

            var due = PaymentCalendar.Due(request.Start, request.Frequency, period);
            if (amountFor(period, due) is not { IsPositive: true } asked)
            {
                continue;
            }

            var amount = Money.Min(asked, remaining);
            remaining -= amount;
            var balanceAfter = request.Balance - settles + remaining - (remaining.IsZero ? writeOff : Money.Zero(settles.Currency));
            instalments.Add(new Instalment(instalments.Count + 1, due, amount, balanceAfter));
        }

        return new Schedule(request, settles, instalments);
    }

    private static void RequireInstalment(string parameter, Money amount, Money balance, PlanPolicy policy, string? setting = null)
    {
        RequireCurrency(parameter, amount, balance.Currency, setting);
        if (!amount.IsPositive)
        {
            throw Refuse(new InvalidPlanParameter(parameter, $"an instalment must be more than zero, not {amount}"), setting);
        }

        if (amount > balance)
        {
            throw Refuse(new InstalmentAboveBalance(parameter, amount, balance), setting);
        }

        // Paying the whole balance at once is never refused, even when it is below the creditor's minimum.
        if (amount < Money.Min(policy.MinimumInstalment, balance))
        {
            throw Refuse(new InstalmentBelowMinimum(parameter, amount, policy.MinimumInstalment), setting);
        }
    }

    private static void RequireCurrency(string parameter, Money amount, Currency currency, string? setting = null)
    {
        if (amount.Currency != currency)
        {
            throw Refuse(new PlanCurrencyMismatch(parameter, currency, amount.Currency), setting);
        }
    }

    /// <summary>The refusal, naming the shape's <paramref name="setting"/> at fault when there is one.</summary>
    private static DomainException Refuse(PlanError error, string? setting = null) => new(setting is null ? error : error with { Setting = setting });
}
