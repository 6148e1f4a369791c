using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Parley.Persistence.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class WebhookEventBindings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "payments_webhook_events",
                columns: table => new
                {
                    Provider = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    EventId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    AccountId = table.Column<Guid>(type: "TEXT", nullable: false),
                    BodyHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ReceivedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_payments_webhook_events", x => new { x.Provider, x.EventId });
                });

            // Events posted before the table existed are bound to the first account and body they posted with.
            migrationBuilder.Sql("""
                INSERT INTO "payments_webhook_events" ("Provider", "EventId", "AccountId", "BodyHash", "ReceivedAt")
                SELECT "Provider", "IdempotencyKey", "AccountId", COALESCE("RequestHash", ''), MIN("RecordedAt")
                  FROM "payments_ledger_entries"
                 WHERE "Provider" IS NOT NULL
                 GROUP BY "Provider", "IdempotencyKey";
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "payments_webhook_events");
        }
    }
}
