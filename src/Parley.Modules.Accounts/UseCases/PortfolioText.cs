using System.Linq.Expressions;
using PhoneNumbers;
using Parley.SharedKernel;

namespace Parley.Modules.Accounts.UseCases;

/// <summary>
/// What a portfolio search box query can be, read once: name words (<see cref="SearchText"/>), the text for
/// references, the E.164 numbers a phone number written in any common way stands for, an e-mail address (it has an
/// @) and a postcode (short, with a digit).
/// </summary>
public sealed record PortfolioText(string Lowered, string[] Words, IReadOnlyList<string> Phones, bool IsEmail, string? Postcode)
{
    private static readonly PhoneNumberUtil PhoneNumbers = PhoneNumberUtil.GetInstance();

    // The countries Parley collects in (see Jurisdiction): a number written without its country code is read as each.
    private static readonly string[] Regions = ["US", "GB"];

    public static PortfolioText? Parse(string? query)
    {
        if (string.IsNullOrWhiteSpace(query))
        {
            return null;
        }

        var text = query.Trim();
        var compact = text.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        var postcode = compact.Length is >= 2 and <= 10 && compact.Any(char.IsAsciiDigit) && compact.All(c => char.IsAsciiLetterOrDigit(c) || c == '-') ? compact : null;
        return new PortfolioText(text.ToLowerInvariant(), SearchText.Words(text), PhonesOf(text), text.Contains('@', StringComparison.Ordinal), postcode);
    }

    /// <summary>The valid numbers <paramref name="text"/> is, as stored (E.164); none when it is not written like a phone number.</summary>
    public static IReadOnlyList<string> PhonesOf(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var digits = text.Count(char.IsAsciiDigit);
        if (digits < 7 || digits > 15 || !text.All(c => char.IsAsciiDigit(c) || c is ' ' or '+' or '(' or ')' or '-' or '.' or '/'))
        {
            return [];
        }

        // "+44 …" names its country; "0044 …" dials out the European way, which a GB reading understands.
        var international = text.TrimStart() is var t && (t.StartsWith('+') || t.StartsWith("00", StringComparison.Ordinal));
        var numbers = new List<string>();
        foreach (var region in international ? ["GB"] : Regions)
        {
            try
            {
                var number = PhoneNumbers.Parse(text, region);
                if (PhoneNumbers.IsValidNumber(number) && PhoneNumbers.Format(number, PhoneNumberFormat.E164) is var e164 && !numbers.Contains(e164))
                {
                    numbers.Add(e164);
                }
            }
            catch (NumberParseException)
            {
                // Not a number in this region; another may read it.
            }
        }

        return numbers;
    }
}

/// <summary>Composes query filters: <c>Predicate(rows, r => …)</c> types a lambda by the rows it filters, even an anonymous type.</summary>
internal static class Predicates
{
    public static Expression<Func<T, bool>> Predicate<T>(IQueryable<T> rows, Expression<Func<T, bool>> predicate) => predicate;

    public static Expression<Func<T, bool>> And<T>(this Expression<Func<T, bool>> left, Expression<Func<T, bool>> right) =>
        Combine(left, right, Expression.AndAlso);

    public static Expression<Func<T, bool>> Or<T>(this Expression<Func<T, bool>> left, Expression<Func<T, bool>> right) =>
        Combine(left, right, Expression.OrElse);

    private static Expression<Func<T, bool>> Combine<T>(Expression<Func<T, bool>> left, Expression<Func<T, bool>> right, Func<Expression, Expression, BinaryExpression> join)
    {
        var parameter = left.Parameters[0];
        var body = new Rebind(right.Parameters[0], parameter).Visit(right.Body);
        return Expression.Lambda<Func<T, bool>>(join(left.Body, body), parameter);
    }

    private sealed class Rebind(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
    }
}
