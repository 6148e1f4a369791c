using System.Security.Claims;
using Parley.Modules.Outreach.Contracts;
using Parley.Persistence;
using Parley.SharedKernel;
using Parley.SharedKernel.Security;
using Parley.Testing;
using Shouldly;
using static Parley.Modules.Outreach.Tests.Planning.PlanningTestData;

namespace Parley.Modules.Outreach.Tests.Planning;

public sealed class ExportPlannedContactsTests
{
    [Theory]
    [DatabaseProviders]
    public async Task Paging_by_cursor_writes_every_planned_contact_once_in_the_plans_order_and_only_the_creditors_the_reader_works_for(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await SeedAsync(database, 7);
        var summary = await PlanAsync(database);
        summary.Planned.ShouldBe(7);
        var listed = await RunAsync<ListPlannedContactsRequest, IReadOnlyList<PlannedContactView>>(database.Services, Staff.Agent, new ListPlannedContactsRequest(summary.Day, PlannedContactStatus.Planned));

        var exported = new List<PlannedContactView>();
        PlanCursor? after = null;
        var pages = 0;
        do
        {
            var page = await RunAsync<ExportPlannedContactsRequest, PlannedContactsPage>(database.Services, Staff.Agent, new ExportPlannedContactsRequest(summary.Day, PlannedContactStatus.Planned, after, Limit: 2));
            page.Contacts.Count.ShouldBeLessThanOrEqualTo(2);
            exported.AddRange(page.Contacts);
            after = page.Next;
            pages++;
        }
        while (after is not null && pages < 10);

        exported.Select(c => c.Id).ShouldBe(listed.Select(c => c.Id));
        exported.Count.ShouldBe(7);

        var elsewhere = Actor.From(new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, "agent@elsewhere"), new Claim(CreditorScope.ClaimType, CreditorId.New().ToString()), new Claim(ClaimTypes.Role, StaffRoles.Agent)], "test")));
        (await RunAsync<ExportPlannedContactsRequest, PlannedContactsPage>(database.Services, elsewhere, new ExportPlannedContactsRequest(summary.Day))).Contacts.ShouldBeEmpty();
        (await RunAsync<ExportPlannedContactsRequest, PlannedContactsPage>(database.Services, Staff.Agent, new ExportPlannedContactsRequest(summary.Day))).Contacts.Count.ShouldBe(7);
    }
}
