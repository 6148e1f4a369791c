using System.Security.Claims;
using Parley.SharedKernel.Security;
using Shouldly;

namespace Parley.SharedKernel.Tests;

/// <summary>How a signed-in principal's <c>parley:creditor</c> claims become the creditors they work for (ADR 13).</summary>
public sealed class CreditorScopeTests
{
    private static readonly CreditorId Acme = CreditorId.From(Guid.Parse("0193a5c0-0000-7000-8000-000000000001"));
    private static readonly CreditorId Brit = CreditorId.From(Guid.Parse("0193a5c0-0000-7000-8000-000000000002"));

    private static Actor Signed(params string[] creditors) => Actor.From(new ClaimsPrincipal(new ClaimsIdentity(
        [new Claim(ClaimTypes.Name, "someone@parley"), new Claim(ClaimTypes.Role, StaffRoles.Agent), .. creditors.Select(c => new Claim(CreditorScope.ClaimType, c))], "test")));

    [Fact]
    public void A_member_of_staff_with_no_creditor_claim_works_for_no_creditor()
    {
        var actor = Signed();
        actor.Creditors.ShouldBe(CreditorScope.None);
        actor.Creditors.Includes(Acme).ShouldBeFalse();
    }

    [Fact]
    public void The_star_claim_is_every_creditor_and_ids_name_creditors()
    {
        Signed("*").Creditors.IsAll.ShouldBeTrue();
        var named = Signed(Acme.Value.ToString(), "not-a-creditor").Creditors;
        named.Includes(Acme).ShouldBeTrue();
        named.Includes(Brit).ShouldBeFalse();
    }

    [Fact]
    public void Parley_itself_works_for_every_creditor_and_nobody_signed_in_for_none()
    {
        Actor.System("job").Creditors.IsAll.ShouldBeTrue();
        Actor.From(new ClaimsPrincipal()).Creditors.ShouldBe(CreditorScope.None);
    }
}
