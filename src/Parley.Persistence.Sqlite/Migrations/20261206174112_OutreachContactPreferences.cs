using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Parley.Persistence.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class OutreachContactPreferences : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "outreach_customer_preferences",
                columns: table => new
                {
                    CustomerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CreditorId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Preferences = table.Column<string>(type: "TEXT", nullable: false),
                    ChangedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_outreach_customer_preferences", x => x.CustomerId);
                });

            migrationBuilder.CreateTable(
                name: "outreach_preference_changes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CustomerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    ChangedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Changes = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_outreach_preference_changes", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_outreach_customer_preferences_CreditorId",
                table: "outreach_customer_preferences",
                column: "CreditorId");

            migrationBuilder.CreateIndex(
                name: "IX_outreach_preference_changes_CustomerId_At",
                table: "outreach_preference_changes",
                columns: new[] { "CustomerId", "At" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "outreach_customer_preferences");

            migrationBuilder.DropTable(
                name: "outreach_preference_changes");
        }
    }
}
