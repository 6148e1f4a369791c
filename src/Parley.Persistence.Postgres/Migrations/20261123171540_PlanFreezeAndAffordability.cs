using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Parley.Persistence.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class PlanFreezeAndAffordability : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "AboveAffordable",
                table: "arrangements_plans",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<long>(
                name: "AffordableMinor",
                table: "arrangements_plans",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "ChosenAboveAffordable",
                table: "arrangements_plans",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "InterestAndFeesFrozen",
                table: "arrangements_plans",
                type: "boolean",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "AboveAffordable",
                table: "arrangements_plans");

            migrationBuilder.DropColumn(
                name: "AffordableMinor",
                table: "arrangements_plans");

            migrationBuilder.DropColumn(
                name: "ChosenAboveAffordable",
                table: "arrangements_plans");

            migrationBuilder.DropColumn(
                name: "InterestAndFeesFrozen",
                table: "arrangements_plans");
        }
    }
}
