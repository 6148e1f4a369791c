using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Parley.Modules.Payments.Ledger;
using Parley.Persistence;
using Parley.SharedKernel;
using Parley.SharedKernel.Security;
using Parley.Testing;
using Shouldly;
using static Parley.Modules.Payments.Tests.LedgerTestKit;

namespace Parley.Modules.Payments.Tests;

/// <summary>An agent's note on a payment: kept in the entry's description, part of what makes a replay "the same request".</summary>
public sealed class PaymentNoteTests
{
    [Theory]
    [DatabaseProviders]
    public async Task A_note_is_kept_with_the_payment_and_a_different_note_under_the_same_key_is_refused(DatabaseProvider provider)
    {
        await using var factory = await ParleyWebFactory.CreateAsync(provider);
        var id = AccountId.New();
        await factory.Database.PlaceAsync(Placement(id, 100_00, 0, 0, "open"));
        var client = factory.ClientAs(StaffRoles.Agent);

        var first = await PostAsync(client, id, "note-1", new { amount = 10m, currency = "USD", method = "cash", note = "  paid at the counter " });
        first.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await JsonAsync(first)).GetProperty("entry").GetProperty("description").GetString().ShouldBe("Payment by cash: paid at the counter");
        (await PostAsync(client, id, "note-1", new { amount = 10m, currency = "USD", method = "cash", note = "paid at the counter" })).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await PostAsync(client, id, "note-1", new { amount = 10m, currency = "USD", method = "cash", note = "something else" })).StatusCode.ShouldBe(HttpStatusCode.Conflict);

        var tooLong = await PostAsync(client, id, "note-2", new { amount = 10m, currency = "USD", method = "cash", note = new string('x', 201) });
        tooLong.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await JsonAsync(tooLong)).GetProperty("errors").GetProperty("note")[0].GetString().ShouldBe("The note must be at most 200 characters.");
        (await factory.Database.EntriesAsync(id)).Count.ShouldBe(2);
    }

    [Fact]
    public void A_payment_without_a_note_hashes_as_it_did_before_notes_existed()
    {
        var command = new PaymentCommand(30m, "USD", null, "card", "rcpt-1", "key");
        RecordPayment.RequestHash(command).ShouldBe(RecordPayment.Hash(string.Join('\u001f', "30", "USD", "", "card", "rcpt-1")));
        RecordPayment.RequestHash(command with { Note = "n" }).ShouldNotBe(RecordPayment.RequestHash(command));
    }

    private static async Task<HttpResponseMessage> PostAsync<T>(HttpClient client, AccountId id, string key, T body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/accounts/{id}/payments") { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        return await client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;
}
