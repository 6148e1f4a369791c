using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Parley.Modules.Compliance.Contracts;
using Parley.Modules.Compliance.DecisionLog;
using Parley.Modules.Compliance.Engine;
using Parley.Persistence;
using Parley.Testing;
using Shouldly;

namespace Parley.Modules.Compliance.Tests.Persistence;

/// <summary>The decision log in the database: appends chain, concurrent appends still chain, and raw-SQL edits and deletes are caught.</summary>
public sealed class DecisionLogStoreTests
{
    private static readonly ComplianceGate Gate = new();

    private static DecisionToLog Decision(int hour)
    {
        var scenario = ScenarioBuilder.Build(ScenarioBuilder.UsBase, $$$"""{"proposed_action":{"at":"2026-06-10T{{{hour:00}}}:00:00Z"}}""");
        return new DecisionToLog($"T-{hour}", scenario.Proposal, scenario.FactsDigest, Gate.Evaluate(scenario.Proposal, scenario.Facts));
    }

    private static async Task AppendAsync(TestDatabase database, params int[] hours)
    {
        await using var scope = database.Scope();
        await scope.ServiceProvider.GetRequiredService<DecisionLogStore>().AppendAsync([.. hours.Select(Decision)], CancellationToken.None);
    }

    private static async Task<LogVerification> VerifyAsync(TestDatabase database)
    {
        await using var scope = database.Scope();
        return await scope.ServiceProvider.GetRequiredService<DecisionLogStore>().VerifyAsync(CancellationToken.None);
    }

    private static async Task ExecuteAsync(TestDatabase database, string sql)
    {
        await using var scope = database.Scope();
        (await scope.ServiceProvider.GetRequiredService<ParleyDbContext>().Database.ExecuteSqlRawAsync(sql)).ShouldBeGreaterThan(0);
    }

    [Theory]
    [DatabaseProviders]
    public async Task Appended_decisions_form_an_intact_chain_that_reads_back_as_written(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await AppendAsync(database, 3, 16);
        await AppendAsync(database, 17);

        var result = await VerifyAsync(database);

        result.Valid.ShouldBeTrue(result.Problem);
        result.Records.ShouldBe(3);
        await using var scope = database.Scope();
        var rows = await scope.ServiceProvider.GetRequiredService<ParleyDbContext>().Set<ComplianceDecisionRecord>().OrderBy(r => r.Sequence).ToListAsync();
        rows.Select(r => r.Verdict).ShouldBe(["deny", "allow", "allow"]);
        rows[0].NextLawfulAt.ShouldNotBeNull();
        rows[0].RuleIds.ShouldContain("US-REGF-TIME-8TO9");
        rows[1].PreviousHash.ShouldBe(rows[0].Hash);
        rows[0].Proposal.ShouldContain("\"channel\":\"call\"");
        result.HeadHash.ShouldBe(rows[2].Hash);
    }

    [Theory]
    [DatabaseProviders]
    public async Task An_edited_row_breaks_the_chain_at_that_row(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await AppendAsync(database, 3, 16, 17);

        await ExecuteAsync(database, """UPDATE compliance_decisions SET "Verdict" = 'allow' WHERE "Sequence" = 1""");

        var result = await VerifyAsync(database);
        result.Valid.ShouldBeFalse();
        result.FirstBrokenSequence.ShouldBe(1);
        result.Problem.ShouldNotBeNull().ShouldContain("edited");
    }

    [Theory]
    [DatabaseProviders]
    public async Task A_deleted_row_breaks_the_chain_where_it_was(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await AppendAsync(database, 3, 16, 17);

        await ExecuteAsync(database, """DELETE FROM compliance_decisions WHERE "Sequence" = 2""");

        var result = await VerifyAsync(database);
        result.Valid.ShouldBeFalse();
        result.FirstBrokenSequence.ShouldBe(2);
        result.Problem.ShouldNotBeNull().ShouldContain("deleted or reordered");
    }

    [Theory]
    [DatabaseProviders]
    public async Task Swapped_rows_break_the_chain_at_the_first_of_them(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await AppendAsync(database, 3, 16, 17);

        await ExecuteAsync(database, """UPDATE compliance_decisions SET "Sequence" = 100 WHERE "Sequence" = 2""");
        await ExecuteAsync(database, """UPDATE compliance_decisions SET "Sequence" = 2 WHERE "Sequence" = 3""");
        await ExecuteAsync(database, """UPDATE compliance_decisions SET "Sequence" = 3 WHERE "Sequence" = 100""");

        var result = await VerifyAsync(database);
        result.Valid.ShouldBeFalse();
        result.FirstBrokenSequence.ShouldBe(2);
    }

    [Theory]
    [DatabaseProviders]
    public async Task Concurrent_appends_are_serialised_into_one_chain(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => AppendAsync(database, 3, 16, 17))));

        var result = await VerifyAsync(database);
        result.Valid.ShouldBeTrue(result.Problem);
        result.Records.ShouldBe(24);
    }
}
