namespace Parley.EndToEnd.Tests;

/// <summary>The placement file the journeys import: its header and the one account most of them walk through.</summary>
public static class PlacementCsv
{
    public const string Header =
        "creditor_code,customer_ref,given_name,family_name,date_of_birth,language,address_line1,address_line2,city,postal_code,jurisdiction,time_zone,"
        + "mobile_phone,mobile_consent,home_phone,work_phone,email,email_type,email_consent,account_ref,product_type,original_creditor,currency,"
        + "principal,interest,fees,charge_off_date,last_payment_date,days_past_due,statute_of_limitations_date,status,statements";

    /// <summary>Ada in Boston, placed with Acme: principal 1,820.50, interest 94.75 and fees 35.00, USD 1,950.25 outstanding.</summary>
    public const string AdaLovelace =
        "ACME-CARD,CUST-77,Ada,Lovelace,1985-12-10,en-US,12 Analytical Way,,Boston,02110,US-MA,,(617) 253-0142,call,,,ada@example.org,personal,yes,"
        + "ACC-1001,credit_card,Acme Bank,USD,1820.50,94.75,35.00,2026-06-30,2026-03-14,120,2032-06-30,open,";
}
