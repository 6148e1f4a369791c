using Parley.SharedKernel;

namespace Parley.Modules.Arrangements.Contracts;

public readonly record struct ArrangementId(Guid Value) : IStronglyTypedId<ArrangementId>
{
    public static ArrangementId New() => new(NewId.Next());
    public static ArrangementId From(Guid value) => new(value);
    public static bool TryParse(string? s, IFormatProvider? provider, out ArrangementId result) => ParseId.Try(s, out result);
    public override string ToString() => Value.ToString();
}

public readonly record struct IncomeExpenditureId(Guid Value) : IStronglyTypedId<IncomeExpenditureId>
{
    public static IncomeExpenditureId New() => new(NewId.Next());
    public static IncomeExpenditureId From(Guid value) => new(value);
    public static bool TryParse(string? s, IFormatProvider? provider, out IncomeExpenditureId result) => ParseId.Try(s, out result);
    public override string ToString() => Value.ToString();
}
