using System;
using Microsoft.EntityFrameworkCore.Migrations;
using NodaTime;

#nullable disable

namespace Parley.Persistence.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class OutreachPlanning : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "outreach_call_tasks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PlannedContact = table.Column<Guid>(type: "uuid", nullable: false),
                    AccountId = table.Column<Guid>(type: "uuid", nullable: false),
                    CreditorId = table.Column<Guid>(type: "uuid", nullable: false),
                    Reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    WindowFrom = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                    WindowTo = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                    TimeZone = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ComplianceDecision = table.Column<long>(type: "bigint", nullable: true),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    AssignedTo = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    CreatedAt = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                    CompletedAt = table.Column<Instant>(type: "timestamp with time zone", nullable: true),
                    CompletedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Outcome = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    Attempt = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_outreach_call_tasks", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "outreach_planned_contacts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    IdempotencyKey = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    AccountId = table.Column<Guid>(type: "uuid", nullable: false),
                    CreditorId = table.Column<Guid>(type: "uuid", nullable: false),
                    CustomerId = table.Column<Guid>(type: "uuid", nullable: false),
                    Step = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Rung = table.Column<int>(type: "integer", nullable: false),
                    Channel = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Purpose = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    Tone = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Language = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ScheduledAt = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                    TimeZone = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Reasons = table.Column<string>(type: "jsonb", nullable: false),
                    ComplianceDecision = table.Column<long>(type: "bigint", nullable: true),
                    RuleIds = table.Column<string>(type: "jsonb", nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Attempts = table.Column<int>(type: "integer", nullable: false),
                    NextAttemptAt = table.Column<Instant>(type: "timestamp with time zone", nullable: true),
                    LastError = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    CancelReason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    PlannedAt = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                    PlanDay = table.Column<LocalDate>(type: "date", nullable: false),
                    SentAt = table.Column<Instant>(type: "timestamp with time zone", nullable: true),
                    ProviderMessageId = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    ClaimId = table.Column<Guid>(type: "uuid", nullable: true),
                    ClaimedUntil = table.Column<Instant>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_outreach_planned_contacts", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_outreach_call_tasks_AccountId",
                table: "outreach_call_tasks",
                column: "AccountId");

            migrationBuilder.CreateIndex(
                name: "IX_outreach_call_tasks_PlannedContact",
                table: "outreach_call_tasks",
                column: "PlannedContact",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_outreach_call_tasks_Status_WindowFrom",
                table: "outreach_call_tasks",
                columns: new[] { "Status", "WindowFrom" });

            migrationBuilder.CreateIndex(
                name: "IX_outreach_planned_contacts_AccountId_Rung",
                table: "outreach_planned_contacts",
                columns: new[] { "AccountId", "Rung" });

            migrationBuilder.CreateIndex(
                name: "IX_outreach_planned_contacts_IdempotencyKey",
                table: "outreach_planned_contacts",
                column: "IdempotencyKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_outreach_planned_contacts_PlanDay_ScheduledAt",
                table: "outreach_planned_contacts",
                columns: new[] { "PlanDay", "ScheduledAt" });

            migrationBuilder.CreateIndex(
                name: "IX_outreach_planned_contacts_Status_NextAttemptAt",
                table: "outreach_planned_contacts",
                columns: new[] { "Status", "NextAttemptAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "outreach_call_tasks");

            migrationBuilder.DropTable(
                name: "outreach_planned_contacts");
        }
    }
}
