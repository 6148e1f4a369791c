using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Parley.Persistence.Sqlite.Migrations
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
                    CreditorId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CallsPer7Days = table.Column<int>(type: "INTEGER", nullable: true),
                    TextsPer7Days = table.Column<int>(type: "INTEGER", nullable: true),
                    EmailsPer7Days = table.Column<int>(type: "INTEGER", nullable: true),
                    LettersPer7Days = table.Column<int>(type: "INTEGER", nullable: true),
                    ChangedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ChangedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false)
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
