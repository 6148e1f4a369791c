using System;
using Microsoft.EntityFrameworkCore.Migrations;
using NodaTime;

#nullable disable

namespace Parley.Persistence.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class ArrangementsIncomeExpenditureOutbox : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "arrangements_ie_captures",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    AccountId = table.Column<Guid>(type: "uuid", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    Standard = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    Adults = table.Column<int>(type: "integer", nullable: false),
                    Dependants = table.Column<int>(type: "integer", nullable: false),
                    ThisCreditorMinor = table.Column<long>(type: "bigint", nullable: false),
                    OtherCreditorsMinor = table.Column<string>(type: "jsonb", nullable: false),
                    DisposableIncomeMinor = table.Column<long>(type: "bigint", nullable: false),
                    ThisCreditorShareMinor = table.Column<long>(type: "bigint", nullable: false),
                    Flags = table.Column<string>(type: "jsonb", nullable: false),
                    CapturedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    CapturedAt = table.Column<Instant>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_arrangements_ie_captures", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "arrangements_plans",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    AccountId = table.Column<Guid>(type: "uuid", nullable: false),
                    Shape = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    ShapeName = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Frequency = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    BalanceMinor = table.Column<long>(type: "bigint", nullable: false),
                    SettlesMinor = table.Column<long>(type: "bigint", nullable: false),
                    Start = table.Column<LocalDate>(type: "date", nullable: false),
                    PolicyMinimumInstalmentMinor = table.Column<long>(type: "bigint", nullable: false),
                    PolicySettlementDiscountMinPercent = table.Column<decimal>(type: "numeric(5,2)", precision: 5, scale: 2, nullable: false),
                    PolicySettlementDiscountMaxPercent = table.Column<decimal>(type: "numeric(5,2)", precision: 5, scale: 2, nullable: false),
                    PolicyGraceDays = table.Column<int>(type: "integer", nullable: false),
                    PolicyAllowedMisses = table.Column<int>(type: "integer", nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Approval = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ApprovalReason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    ApprovedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    ApprovedAt = table.Column<Instant>(type: "timestamp with time zone", nullable: true),
                    CreatedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    CreatedAt = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                    ActivatedAt = table.Column<Instant>(type: "timestamp with time zone", nullable: true),
                    ClosedAt = table.Column<Instant>(type: "timestamp with time zone", nullable: true),
                    CloseReason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    ReplanOffered = table.Column<bool>(type: "boolean", nullable: false),
                    UnallocatedMinor = table.Column<long>(type: "bigint", nullable: false),
                    Paused = table.Column<bool>(type: "boolean", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_arrangements_plans", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "outbox_messages",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Type = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Payload = table.Column<string>(type: "jsonb", nullable: false),
                    OccurredAt = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                    IdempotencyKey = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    DispatchedAt = table.Column<Instant>(type: "timestamp with time zone", nullable: true),
                    Attempts = table.Column<int>(type: "integer", nullable: false),
                    LastError = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_outbox_messages", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "arrangements_ie_lines",
                columns: table => new
                {
                    CaptureId = table.Column<Guid>(type: "uuid", nullable: false),
                    Category = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    MonthlyMinor = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_arrangements_ie_lines", x => new { x.CaptureId, x.Category });
                    table.ForeignKey(
                        name: "FK_arrangements_ie_lines_arrangements_ie_captures_CaptureId",
                        column: x => x.CaptureId,
                        principalTable: "arrangements_ie_captures",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "arrangements_instalments",
                columns: table => new
                {
                    ArrangementId = table.Column<Guid>(type: "uuid", nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    Due = table.Column<LocalDate>(type: "date", nullable: false),
                    DueAfterHolds = table.Column<LocalDate>(type: "date", nullable: false),
                    AmountMinor = table.Column<long>(type: "bigint", nullable: false),
                    PaidMinor = table.Column<long>(type: "bigint", nullable: false),
                    Missed = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_arrangements_instalments", x => new { x.ArrangementId, x.Number });
                    table.ForeignKey(
                        name: "FK_arrangements_instalments_arrangements_plans_ArrangementId",
                        column: x => x.ArrangementId,
                        principalTable: "arrangements_plans",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "arrangements_status_history",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ArrangementId = table.Column<Guid>(type: "uuid", nullable: false),
                    From = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    To = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    At = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                    By = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_arrangements_status_history", x => x.Id);
                    table.ForeignKey(
                        name: "FK_arrangements_status_history_arrangements_plans_ArrangementId",
                        column: x => x.ArrangementId,
                        principalTable: "arrangements_plans",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_arrangements_ie_captures_AccountId_Version",
                table: "arrangements_ie_captures",
                columns: new[] { "AccountId", "Version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_arrangements_plans_AccountId_CreatedAt",
                table: "arrangements_plans",
                columns: new[] { "AccountId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_arrangements_plans_Status",
                table: "arrangements_plans",
                column: "Status");

            migrationBuilder.CreateIndex(
                name: "IX_arrangements_status_history_ArrangementId_At",
                table: "arrangements_status_history",
                columns: new[] { "ArrangementId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_outbox_messages_DispatchedAt_OccurredAt",
                table: "outbox_messages",
                columns: new[] { "DispatchedAt", "OccurredAt" });

            migrationBuilder.CreateIndex(
                name: "IX_outbox_messages_IdempotencyKey",
                table: "outbox_messages",
                column: "IdempotencyKey",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "arrangements_ie_lines");

            migrationBuilder.DropTable(
                name: "arrangements_instalments");

            migrationBuilder.DropTable(
                name: "arrangements_status_history");

            migrationBuilder.DropTable(
                name: "outbox_messages");

            migrationBuilder.DropTable(
                name: "arrangements_ie_captures");

            migrationBuilder.DropTable(
                name: "arrangements_plans");
        }
    }
}
