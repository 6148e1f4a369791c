using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Parley.Persistence.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class AccountsContactPosition : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Position",
                table: "accounts_phones",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "Position",
                table: "accounts_emails",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "Position",
                table: "accounts_addresses",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            // Existing rows keep the order readers gave them until now: by id within each customer, the first being 0 (the primary).
            foreach (var table in new[] { "accounts_addresses", "accounts_phones", "accounts_emails" })
            {
                migrationBuilder.Sql($"""
                    UPDATE {table} SET "Position" = ranked.n
                    FROM (SELECT "Id", row_number() OVER (PARTITION BY "CustomerId" ORDER BY "Id") - 1 AS n FROM {table}) AS ranked
                    WHERE {table}."Id" = ranked."Id" AND ranked.n > 0;
                    """);
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Position",
                table: "accounts_phones");

            migrationBuilder.DropColumn(
                name: "Position",
                table: "accounts_emails");

            migrationBuilder.DropColumn(
                name: "Position",
                table: "accounts_addresses");
        }
    }
}
