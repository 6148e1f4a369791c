using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Parley.Persistence.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class CustomerSearchName : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "SearchName",
                table: "accounts_customers",
                type: "text",
                nullable: false,
                defaultValue: "");

            // Existing customers get their searchable name from the same fold the code applies to new ones.
            foreach (var sql in Parley.Persistence.Conventions.SearchTextBackfill.Statements(
                Parley.Persistence.DatabaseProvider.Postgres, "accounts_customers", "SearchName", "\"GivenName\" || ' ' || \"FamilyName\""))
            {
                migrationBuilder.Sql(sql);
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "SearchName",
                table: "accounts_customers");
        }
    }
}
