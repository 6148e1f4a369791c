using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Parley.Persistence.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class StatementHistoryColumn : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Existing statements move into the new column before their table goes: nothing placed is lost.
            migrationBuilder.AddColumn<string>(
                name: "StatementHistory",
                table: "accounts_accounts",
                type: "TEXT",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.Sql("""
                UPDATE accounts_accounts SET StatementHistory = COALESCE(
                    (SELECT json_group_array(json_array(s.StatementDate, s.AmountDueMinor, s.MinimumDueMinor, s.AmountPaidMinor, s.DaysPastDue))
                       FROM (SELECT * FROM accounts_statements WHERE AccountId = accounts_accounts.Id ORDER BY StatementDate) s),
                    '[]');
                """);

            migrationBuilder.DropTable(
                name: "accounts_statements");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "StatementHistory",
                table: "accounts_accounts");

            migrationBuilder.CreateTable(
                name: "accounts_statements",
                columns: table => new
                {
                    AccountId = table.Column<Guid>(type: "TEXT", nullable: false),
                    StatementDate = table.Column<string>(type: "TEXT", nullable: false),
                    AmountDueMinor = table.Column<long>(type: "INTEGER", nullable: false),
                    AmountPaidMinor = table.Column<long>(type: "INTEGER", nullable: false),
                    DaysPastDue = table.Column<int>(type: "INTEGER", nullable: false),
                    MinimumDueMinor = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_accounts_statements", x => new { x.AccountId, x.StatementDate });
                    table.ForeignKey(
                        name: "FK_accounts_statements_accounts_accounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "accounts_accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });
        }
    }
}
