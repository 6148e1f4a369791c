using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Parley.Modules.Accounts.Contracts;
using Parley.Modules.Care.Contracts;
using Parley.Modules.Care.Domain;
using Parley.Persistence;
using Parley.SharedKernel.Security;
using Parley.Testing;
using Shouldly;

namespace Parley.Modules.Care.Tests.Acting;

/// <summary>
/// The customer's words stay in the encrypted reading text (ADR 21): evidence is stored as spans, and logs and hold
/// reasons name the label and the rule; the views cut the phrases from the decrypted text for the people who may read them.
/// </summary>
public sealed class CarePrivacyTests
{
    private const string Reply = "I lost my job and can't cope. This isn't my debt.";

    private static readonly string[] Words = ["lost my job", "can't cope", "my debt"];

    private static readonly Actor Compliance = Staff.Acting("compliance@parley", StaffRoles.Compliance);

    [Theory]
    [DatabaseProviders]
    public async Task The_tone_shows_the_emotions_read_and_only_specialists_see_the_ones_that_tell_of_distress(DatabaseProvider provider)
    {
        await using var world = await CareWorld.CreateAsync(provider);
        var angry = await world.AccountAsync("T-1");
        var frightened = await world.AccountAsync("T-2");
        await world.ReplyAsync(angry, "This is ridiculous, I am so angry and fed up with your calls");
        await world.ReplyAsync(frightened, "I am so sad and scared, I dont know how I will manage");
        while (await world.DispatchAsync() > 0)
        {
        }

        var agentAngry = (await world.RunAsync<GetAccountCareRequest, AccountCareView>(Staff.Agent, new GetAccountCareRequest(angry))).Readings.ShouldHaveSingleItem();
        agentAngry.Tone.ShouldContain("anger");
        agentAngry.Tone.Count.ShouldBeLessThanOrEqualTo(CareReading.MaxTone);

        // Sadness and fear tell of distress: the specialist sees them, the agent sees the rest of the tone.
        var specialist = (await world.RunAsync<GetAccountCareRequest, AccountCareView>(Compliance, new GetAccountCareRequest(frightened))).Readings.ShouldHaveSingleItem();
        specialist.Tone.ShouldContain("sadness");
        specialist.Tone.ShouldContain("fear");
        var agent = (await world.RunAsync<GetAccountCareRequest, AccountCareView>(Staff.Agent, new GetAccountCareRequest(frightened))).Readings.ShouldHaveSingleItem();
        agent.Tone.ShouldBe([.. specialist.Tone.Where(e => !CareLabels.DistressEmotions.Contains(e))]);
    }

    [Theory]
    [DatabaseProviders]
    public async Task The_customers_words_are_in_no_stored_row_but_the_encrypted_text_and_the_views_still_show_them(DatabaseProvider provider)
    {
        await using var world = await CareWorld.CreateAsync(provider);
        var account = await world.AccountAsync("P-1");
        await world.ReplyAsync(account, Reply);
        await world.DispatchAsync();

        var stored = await RawAsync(world,
            """SELECT "Evidence", "Flags", "Text" FROM care_readings""",
            """SELECT "Evidence", "Drivers", "Audit" FROM care_vulnerability_records""",
            """SELECT "Log", "Labels" FROM care_items""",
            """SELECT "Reason" FROM accounts_holds""");
        stored.ShouldNotBeEmpty();
        stored.ShouldContain(v => v.Contains("not-mine", StringComparison.Ordinal), "the spans and labels are stored");
        foreach (var words in Words)
        {
            stored.ShouldAllBe(v => !v.Contains(words, StringComparison.OrdinalIgnoreCase), $"'{words}' is in a stored row in plain text");
        }

        // The hold reason says why by label and rule; the item log names the hold by its type and keeps the id as data.
        var hold = (await world.HoldsAsync(account)).Single(h => h.Type == HoldType.Dispute);
        hold.Reason.ShouldStartWith("Care: dispute (rule not-mine/en/");
        hold.Reason.ShouldEndWith("in a customer message; collection paused until validation is sent");
        var task = (await world.AllAsync<CareItem>()).Single(i => i.Kind == CareItemKind.ValidationTask);
        task.Log.ShouldContain(l => l.Action == "placed a dispute hold" && l.Hold == hold.Id.Value && l.Reason == hold.Reason);

        // The views still show the words, cut from the decrypted text.
        var care = await world.RunAsync<GetAccountCareRequest, AccountCareView>(Compliance, new GetAccountCareRequest(account));
        var phrases = care.Readings.ShouldHaveSingleItem().Evidence.Select(e => e.Phrase.ToLowerInvariant()).ToList();
        phrases.ShouldContain(p => p.Contains("lost my job"));
        phrases.ShouldContain(p => p.Contains("my debt"));
        care.Items.Single(i => i.Kind == CareItemKind.ValidationTask).Evidence.ShouldContain(e => e.Phrase.Contains("my debt", StringComparison.OrdinalIgnoreCase));
        var record = (await world.RunAsync<GetVulnerabilityRecordRequest, IReadOnlyList<VulnerabilityRecordView>>(Compliance, new GetVulnerabilityRecordRequest(account))).ShouldHaveSingleItem();
        record.Evidence.ShouldContain(e => e.Code == "job-loss" && e.Phrase.Equals("lost my job", StringComparison.OrdinalIgnoreCase));
        record.Evidence.ShouldAllBe(e => e.Phrase.Length > 0);
    }

    [Theory]
    [DatabaseProviders]
    public async Task Upgrading_drops_the_phrases_rows_stored_before_kept_and_the_views_find_them_again(DatabaseProvider provider)
    {
        await using var world = await CareWorld.CreateAsync(provider);
        var account = await world.AccountAsync("P-2");
        await world.ReplyAsync(account, Reply);
        await world.DispatchAsync();

        // Rows as the first Care release wrote them: the phrase beside each span, no reading id on a record's spans.
        var reading = (await world.AllAsync<CareReading>()).ShouldHaveSingleItem();
        var oldReading = "[" + string.Join(",", reading.Evidence.Select(e => $$"""{"code":"{{e.Code}}","start":{{e.Start}},"length":{{e.Length}},"phrase":"{{e.PhraseIn(reading.Text).Replace("'", "''", StringComparison.Ordinal)}}","rule":"{{e.Rule}}"}""")) + "]";
        var oldRecord = "[" + string.Join(",", reading.Evidence.Where(e => e.Code == "job-loss").Select(e => $$"""{"code":"{{e.Code}}","start":{{e.Start}},"length":{{e.Length}},"phrase":"{{e.PhraseIn(reading.Text)}}","rule":"{{e.Rule}}"}""")) + "]";
        var json = provider == DatabaseProvider.Postgres ? "::jsonb" : "";
        await ExecuteAsync(world, $"""UPDATE care_readings SET "Evidence" = '{oldReading}'{json}""", $"""UPDATE care_vulnerability_records SET "Evidence" = '{oldRecord}'{json}""");
        (await RawAsync(world, """SELECT "Evidence" FROM care_readings""", """SELECT "Evidence" FROM care_vulnerability_records"""))
            .ShouldAllBe(v => v.Contains("lost my job", StringComparison.Ordinal), "the test wrote the old rows");

        await using (var scope = world.Database.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ParleyDbContext>();
            var migrations = db.Database.GetMigrations().ToList();
            var before = migrations[migrations.FindIndex(m => m.EndsWith("_CareEvidenceSpansOnly", StringComparison.Ordinal)) - 1];
            await db.GetService<IMigrator>().MigrateAsync(before, CareWorld.Ct);
            await db.Database.MigrateAsync(CareWorld.Ct);
        }

        foreach (var words in Words)
        {
            (await RawAsync(world, """SELECT "Evidence" FROM care_readings""", """SELECT "Evidence" FROM care_vulnerability_records"""))
                .ShouldAllBe(v => !v.Contains(words, StringComparison.OrdinalIgnoreCase));
        }

        var record = (await world.RunAsync<GetVulnerabilityRecordRequest, IReadOnlyList<VulnerabilityRecordView>>(Compliance, new GetVulnerabilityRecordRequest(account))).ShouldHaveSingleItem();
        record.Evidence.ShouldContain(e => e.Code == "job-loss" && e.Phrase.Equals("lost my job", StringComparison.OrdinalIgnoreCase));
        var care = await world.RunAsync<GetAccountCareRequest, AccountCareView>(Compliance, new GetAccountCareRequest(account));
        care.Readings.ShouldHaveSingleItem().Evidence.ShouldContain(e => e.Phrase.Contains("my debt", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Every value of every row the queries return, as the database holds it (SQL, not EF: no converter decrypts or parses).</summary>
    internal static async Task<List<string>> RawAsync(CareWorld world, params string[] queries)
    {
        await using var scope = world.Database.Scope();
        var connection = scope.ServiceProvider.GetRequiredService<ParleyDbContext>().Database.GetDbConnection();
        await connection.OpenAsync(CareWorld.Ct);
        var values = new List<string>();
        foreach (var sql in queries)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            await using DbDataReader reader = await command.ExecuteReaderAsync(CareWorld.Ct);
            while (await reader.ReadAsync(CareWorld.Ct))
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    values.Add(reader.IsDBNull(i) ? "" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture) ?? "");
                }
            }
        }

        return values;
    }

    private static async Task ExecuteAsync(CareWorld world, params string[] statements)
    {
        await using var scope = world.Database.Scope();
        var connection = scope.ServiceProvider.GetRequiredService<ParleyDbContext>().Database.GetDbConnection();
        await connection.OpenAsync(CareWorld.Ct);
        foreach (var sql in statements)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            (await command.ExecuteNonQueryAsync(CareWorld.Ct)).ShouldBe(1);
        }
    }
}
