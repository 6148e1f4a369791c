using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Parley.Persistence.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class DropUnqueriedIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_payments_ledger_accounts_OutstandingMinor",
                table: "payments_ledger_accounts");

            migrationBuilder.DropIndex(
                name: "IX_accounts_customers_FamilyName",
                table: "accounts_customers");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_payments_ledger_accounts_OutstandingMinor",
                table: "payments_ledger_accounts",
                column: "OutstandingMinor");

            migrationBuilder.CreateIndex(
                name: "IX_accounts_customers_FamilyName",
                table: "accounts_customers",
                column: "FamilyName");
        }
    }
}
