using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Parley.Persistence.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class OutreachContactHistory : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "outreach_contact_attempts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    AccountId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CustomerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CreditorId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Direction = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Address = table.Column<string>(type: "TEXT", maxLength: 101, nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    IdempotencyKey = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Template = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    TemplateVersion = table.Column<int>(type: "INTEGER", nullable: true),
                    Tone = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    ComplianceDecision = table.Column<long>(type: "INTEGER", nullable: true),
                    Note = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    LatestOutcome = table.Column<string>(type: "TEXT", maxLength: 30, nullable: true),
                    Result = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_outreach_contact_attempts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "outreach_contact_outcomes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    AttemptId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_outreach_contact_outcomes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_outreach_contact_outcomes_outreach_contact_attempts_AttemptId",
                        column: x => x.AttemptId,
                        principalTable: "outreach_contact_attempts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_outreach_contact_attempts_AccountId_At",
                table: "outreach_contact_attempts",
                columns: new[] { "AccountId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_outreach_contact_attempts_AccountId_IdempotencyKey",
                table: "outreach_contact_attempts",
                columns: new[] { "AccountId", "IdempotencyKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_outreach_contact_attempts_CustomerId_At",
                table: "outreach_contact_attempts",
                columns: new[] { "CustomerId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_outreach_contact_outcomes_AttemptId",
                table: "outreach_contact_outcomes",
                column: "AttemptId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "outreach_contact_outcomes");

            migrationBuilder.DropTable(
                name: "outreach_contact_attempts");
        }
    }
}
