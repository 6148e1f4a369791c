using Microsoft.EntityFrameworkCore.Migrations;
using NodaTime;

#nullable disable

namespace Parley.Persistence.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class ContactRetirement : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Instant>(
                name: "RetiredAt",
                table: "accounts_phones",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Source",
                table: "accounts_phones",
                type: "character varying(10)",
                maxLength: 10,
                nullable: false,
                defaultValue: "Placement");

            migrationBuilder.AddColumn<Instant>(
                name: "RetiredAt",
                table: "accounts_emails",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Source",
                table: "accounts_emails",
                type: "character varying(10)",
                maxLength: 10,
                nullable: false,
                defaultValue: "Placement");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "RetiredAt",
                table: "accounts_phones");

            migrationBuilder.DropColumn(
                name: "Source",
                table: "accounts_phones");

            migrationBuilder.DropColumn(
                name: "RetiredAt",
                table: "accounts_emails");

            migrationBuilder.DropColumn(
                name: "Source",
                table: "accounts_emails");
        }
    }
}
