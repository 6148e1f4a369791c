using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Parley.Persistence.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ContactRetirement : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "RetiredAt",
                table: "accounts_phones",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Source",
                table: "accounts_phones",
                type: "TEXT",
                maxLength: 10,
                nullable: false,
                defaultValue: "Placement");

            migrationBuilder.AddColumn<long>(
                name: "RetiredAt",
                table: "accounts_emails",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Source",
                table: "accounts_emails",
                type: "TEXT",
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
