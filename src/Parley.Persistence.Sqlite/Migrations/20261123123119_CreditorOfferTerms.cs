using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Parley.Persistence.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class CreditorOfferTerms : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<decimal>(
                name: "AnnualInterestRatePercent",
                table: "accounts_creditors",
                type: "TEXT",
                precision: 7,
                scale: 4,
                nullable: false,
                defaultValue: 0m);

            migrationBuilder.AddColumn<bool>(
                name: "FreezeAllowed",
                table: "accounts_creditors",
                type: "INTEGER",
                nullable: false,
                defaultValue: true); // existing creditors keep allowing a freeze (the documented default); new rows always set it

            migrationBuilder.AddColumn<int>(
                name: "MaxPlanMonths",
                table: "accounts_creditors",
                type: "INTEGER",
                nullable: false,
                defaultValue: 60);

            migrationBuilder.AddColumn<long>(
                name: "MonthlyFeeMinor",
                table: "accounts_creditors",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "AnnualInterestRatePercent",
                table: "accounts_creditors");

            migrationBuilder.DropColumn(
                name: "FreezeAllowed",
                table: "accounts_creditors");

            migrationBuilder.DropColumn(
                name: "MaxPlanMonths",
                table: "accounts_creditors");

            migrationBuilder.DropColumn(
                name: "MonthlyFeeMinor",
                table: "accounts_creditors");
        }
    }
}
