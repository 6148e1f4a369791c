using System;
using Microsoft.EntityFrameworkCore.Migrations;
using NodaTime;

#nullable disable

namespace Parley.Persistence.Postgres.Migrations
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
                    Provider = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    EventId = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    AccountId = table.Column<Guid>(type: "uuid", nullable: false),
                    BodyHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ReceivedAt = table.Column<Instant>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_payments_webhook_events", x => new { x.Provider, x.EventId });
                });

            // Events posted before the table existed are bound to the first account and body they posted with.
            migrationBuilder.Sql("""
                INSERT INTO "payments_webhook_events" ("Provider", "EventId", "AccountId", "BodyHash", "ReceivedAt")
                SELECT DISTINCT ON ("Provider", "IdempotencyKey") "Provider", "IdempotencyKey", "AccountId", COALESCE("RequestHash", ''), "RecordedAt"
                  FROM "payments_ledger_entries"
                 WHERE "Provider" IS NOT NULL
                 ORDER BY "Provider", "IdempotencyKey", "RecordedAt", "Sequence";
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
