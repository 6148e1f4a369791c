using System;
using Microsoft.EntityFrameworkCore.Migrations;
using NodaTime;

#nullable disable

namespace Parley.Persistence.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class OutreachContactBudgets : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "outreach_contact_budgets",
                columns: table => new
                {
                    CreditorId = table.Column<Guid>(type: "uuid", nullable: false),
                    CallsPer7Days = table.Column<int>(type: "integer", nullable: true),
                    TextsPer7Days = table.Column<int>(type: "integer", nullable: true),
                    EmailsPer7Days = table.Column<int>(type: "integer", nullable: true),
                    LettersPer7Days = table.Column<int>(type: "integer", nullable: true),
                    ChangedAt = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                    ChangedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_outreach_contact_budgets", x => x.CreditorId);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "outreach_contact_budgets");
        }
    }
}
