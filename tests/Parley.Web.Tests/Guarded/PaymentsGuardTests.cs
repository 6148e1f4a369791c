using System.Net.Http.Json;
using Parley.Modules.Payments.Contracts;
using Parley.SharedKernel;
using Parley.SharedKernel.Security;
using Parley.Testing;
using Parley.Web.Ui.Shared;

namespace Parley.Web.Tests.Guarded;

/// <summary>Each Payments use case that changes data refuses a wrong role itself, through HTTP and through the page; each checks the creditor scope.</summary>
public sealed class PaymentsGuardTests : IAsyncLifetime
{
    private GuardedWorld _world = default!;

    public async ValueTask InitializeAsync() => _world = await GuardedWorld.StartAsync();

    public async ValueTask DisposeAsync() => await _world.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public Task Taking_a_payment_needs_a_member_of_staff() => _world.ProveWrongRolesAreRefusedAsync(new GuardedUseCase<AccountId>(
        "RecordPayment",
        StaffRoles.All,
        world => Task.FromResult(world.Accounts["ADA-1"]),
        account => new HttpRequestMessage(HttpMethod.Post, $"/api/accounts/{account}/payments")
        {
            Content = JsonContent.Create(new { amount = 25.00m, currency = "USD", method = "card" }),
            Headers = { { "Idempotency-Key", "guard-payment-1" } },
        },
        (account, scopes, actor) => scopes.RunAsync<RecordPaymentRequest, PaymentResponse>(
            actor, new RecordPaymentRequest(account, "guard-payment-1", 25.00m, "USD", PaymentMethod.Card))));

    [Fact]
    public Task Reversing_a_ledger_entry_needs_a_supervisor_or_an_admin() => _world.ProveWrongRolesAreRefusedAsync(new GuardedUseCase<(AccountId Account, LedgerEntryId Entry)>(
        "ReverseEntry",
        [StaffRoles.Supervisor, StaffRoles.Admin],
        async world =>
        {
            var account = world.Accounts["MARY-1"];
            var paid = await world.Scopes.RunAsync<RecordPaymentRequest, PaymentResponse>(
                GuardedWorld.Admin, new RecordPaymentRequest(account, "guard-payment-2", 40.00m, "GBP", PaymentMethod.BankTransfer));
            return (account, LedgerEntryId.From(paid.Entry.Id));
        },
        paid => new HttpRequestMessage(HttpMethod.Post, $"/api/accounts/{paid.Account}/ledger/{paid.Entry}/reversal") { Content = JsonContent.Create(new { reason = "the transfer bounced" }) },
        (paid, scopes, actor) => scopes.RunAsync<ReverseEntryRequest, PostingResponse>(actor, new ReverseEntryRequest(paid.Account, paid.Entry, "the transfer bounced"))));

    [Fact]
    public async Task An_account_of_a_creditor_the_agent_does_not_work_for_answers_as_if_it_did_not_exist()
    {
        var britOnly = new StaffMember("brit-agent@parley", new HashSet<string> { StaffRoles.Agent }, CreditorScope.Only([_world.Creditors["BRIT-CARD"]]));
        var acme = _world.Accounts["ADA-1"];
        var before = await _world.SnapshotAsync();

        var read = await Should.ThrowAsync<DomainException>(() => _world.Scopes.RunAsync<ReadLedgerRequest, LedgerResponse>(britOnly, new ReadLedgerRequest(acme), Ct));
        var pay = await Should.ThrowAsync<DomainException>(() => _world.Scopes.RunAsync<RecordPaymentRequest, PaymentResponse>(
            britOnly, new RecordPaymentRequest(acme, "guard-scope-1", 10.00m, "USD", PaymentMethod.Cash), Ct));

        read.Error.ShouldBe(new LedgerAccountNotFound(acme));
        pay.Error.ShouldBe(new LedgerAccountNotFound(acme));
        (await _world.SnapshotAsync()).ShouldBe(before);
        var own = await _world.Scopes.RunAsync<ReadLedgerRequest, LedgerResponse>(britOnly, new ReadLedgerRequest(_world.Accounts["MARY-1"]), Ct);
        own.Currency.ShouldBe("GBP");

        await _world.Scopes.RunAsync<RecordPaymentRequest, PaymentResponse>(GuardedWorld.Admin, new RecordPaymentRequest(acme, "guard-scope-2", 10.00m, "USD", PaymentMethod.Cash), Ct);
        await _world.Scopes.RunAsync<RecordPaymentRequest, PaymentResponse>(
            britOnly, new RecordPaymentRequest(_world.Accounts["MARY-1"], "guard-scope-3", 20.00m, "GBP", PaymentMethod.Cash), Ct);
        var since = NodaTime.Instant.FromUtc(2000, 1, 1, 0, 0);
        var everyone = await _world.Scopes.RunAsync<GetPaymentsSummaryRequest, PaymentsFigures>(GuardedWorld.Admin, new GetPaymentsSummaryRequest(since), Ct);
        var theirs = await _world.Scopes.RunAsync<GetPaymentsSummaryRequest, PaymentsFigures>(britOnly, new GetPaymentsSummaryRequest(since), Ct);
        everyone.ByCurrency.Select(f => f.Currency).ShouldBe(["GBP", "USD"]);
        theirs.ByCurrency.ShouldBe([new PaymentsFigure("GBP", 1, 20.00m, 0, 0m)]);
    }

    [Fact]
    public async Task Only_Parley_itself_accrues_interest_and_fees()
    {
        foreach (var actor in new[] { GuardedWorld.Admin, Staff.Supervisor, Anonymous.Instance })
        {
            var refused = await Should.ThrowAsync<DomainException>(() => _world.Scopes.RunAsync<AccrueInterestAndFeesRequest, AccrualSummary>(actor, new AccrueInterestAndFeesRequest(), Ct));
            refused.Error.Kind.ShouldBe(ErrorKind.Forbidden);
        }

        var summary = await _world.Scopes.RunAsync<AccrueInterestAndFeesRequest, AccrualSummary>(Actor.System("test"), new AccrueInterestAndFeesRequest(), Ct);
        summary.InterestPosted.ShouldBe(0);
    }
}
