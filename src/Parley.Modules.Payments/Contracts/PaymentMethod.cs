namespace Parley.Modules.Payments.Contracts;

/// <summary>How a customer paid; <see cref="PaymentMethods.Name"/> is the API's name (<c>bank_transfer</c>).</summary>
public enum PaymentMethod
{
    Card,
    BankTransfer,
    Cash,
    Cheque,
    Other,
}

public static class PaymentMethods
{
    public static string Name(this PaymentMethod method) => method switch
    {
        PaymentMethod.Card => "card",
        PaymentMethod.BankTransfer => "bank_transfer",
        PaymentMethod.Cash => "cash",
        PaymentMethod.Cheque => "cheque",
        PaymentMethod.Other => "other",
    };

    public static bool TryParse(string? name, out PaymentMethod method)
    {
        foreach (var candidate in Enum.GetValues<PaymentMethod>())
        {
            if (candidate.Name() == name)
            {
                method = candidate;
                return true;
            }
        }

        method = default;
        return false;
    }
}
