using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Parley.Persistence.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class CreditorPlanTolerance : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "AllowedMisses",
                table: "accounts_creditors",
                type: "integer",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<int>(
                name: "GraceDays",
                table: "accounts_creditors",
                type: "integer",
                nullable: false,
                defaultValue: 3);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "AllowedMisses",
                table: "accounts_creditors");

            migrationBuilder.DropColumn(
                name: "GraceDays",
                table: "accounts_creditors");
        }
    }
}
