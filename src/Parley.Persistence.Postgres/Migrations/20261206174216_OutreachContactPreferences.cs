using System;
using Microsoft.EntityFrameworkCore.Migrations;
using NodaTime;

#nullable disable

namespace Parley.Persistence.Postgres.Migrations
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
                    CustomerId = table.Column<Guid>(type: "uuid", nullable: false),
                    CreditorId = table.Column<Guid>(type: "uuid", nullable: false),
                    Preferences = table.Column<string>(type: "jsonb", nullable: false),
                    ChangedAt = table.Column<Instant>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_outreach_customer_preferences", x => x.CustomerId);
                });

            migrationBuilder.CreateTable(
                name: "outreach_preference_changes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CustomerId = table.Column<Guid>(type: "uuid", nullable: false),
                    At = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                    ChangedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Changes = table.Column<string>(type: "jsonb", nullable: false)
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
