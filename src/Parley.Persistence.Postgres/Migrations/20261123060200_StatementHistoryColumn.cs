using System;
using Microsoft.EntityFrameworkCore.Migrations;
using NodaTime;

#nullable disable

namespace Parley.Persistence.Postgres.Migrations
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
                type: "jsonb",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.Sql("""
                UPDATE accounts_accounts a SET "StatementHistory" = COALESCE(
                    (SELECT jsonb_agg(jsonb_build_array(to_char(s."StatementDate", 'YYYY-MM-DD'), s."AmountDueMinor", s."MinimumDueMinor", s."AmountPaidMinor", s."DaysPastDue") ORDER BY s."StatementDate")
                       FROM accounts_statements s WHERE s."AccountId" = a."Id"),
                    '[]'::jsonb);
                ALTER TABLE accounts_accounts ALTER COLUMN "StatementHistory" DROP DEFAULT;
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
                    AccountId = table.Column<Guid>(type: "uuid", nullable: false),
                    StatementDate = table.Column<LocalDate>(type: "date", nullable: false),
                    AmountDueMinor = table.Column<long>(type: "bigint", nullable: false),
                    AmountPaidMinor = table.Column<long>(type: "bigint", nullable: false),
                    DaysPastDue = table.Column<int>(type: "integer", nullable: false),
                    MinimumDueMinor = table.Column<long>(type: "bigint", nullable: false)
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
