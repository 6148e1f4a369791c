using Parley.Modules.Accounts.Contracts;
using Parley.Modules.Accounts.Domain;
using Shouldly;

namespace Parley.Modules.Accounts.Tests;

/// <summary>The change history's field names the pages read are the account's own property names, as the module stores them.</summary>
public sealed class AccountChangeFieldsTests
{
    [Fact]
    public void Each_field_name_is_a_property_of_the_account()
    {
        var fields = typeof(AccountChangeFields).GetFields().Select(f => (string)f.GetRawConstantValue()!).ToList();

        fields.ShouldNotBeEmpty();
        fields.ShouldAllBe(f => typeof(Account).GetProperty(f) != null);
    }
}
