namespace Parley.Modules.Payments.Contracts;

/// <summary>What a ledger entry is; <see cref="LedgerEntryKinds.Name"/> is its stored and displayed name.</summary>
public enum LedgerEntryKind
{
    Charge,
    Interest,
    Fee,
    Payment,
    Reversal,
    Adjustment,
    Waiver,
    WriteOff,
}

public static class LedgerEntryKinds
{
    /// <summary>The stored and displayed name, e.g. <c>write_off</c>.</summary>
    public static string Name(this LedgerEntryKind kind) => kind switch
    {
        LedgerEntryKind.Charge => "charge",
        LedgerEntryKind.Interest => "interest",
        LedgerEntryKind.Fee => "fee",
        LedgerEntryKind.Payment => "payment",
        LedgerEntryKind.Reversal => "reversal",
        LedgerEntryKind.Adjustment => "adjustment",
        LedgerEntryKind.Waiver => "waiver",
        LedgerEntryKind.WriteOff => "write_off",
    };

    public static LedgerEntryKind Parse(string name)
    {
        foreach (var kind in Enum.GetValues<LedgerEntryKind>())
        {
            if (kind.Name() == name)
            {
                return kind;
            }
        }

        throw new FormatException($"'{name}' is not a ledger entry kind.");
    }
}
