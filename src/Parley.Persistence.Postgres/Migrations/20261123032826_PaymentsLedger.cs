using System;
using Microsoft.EntityFrameworkCore.Migrations;
using NodaTime;

#nullable disable

namespace Parley.Persistence.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class PaymentsLedger : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "payments_ledger_accounts",
                columns: table => new
                {
                    AccountId = table.Column<Guid>(type: "uuid", nullable: false),
                    Currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    Waterfall = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    PrincipalMinor = table.Column<long>(type: "bigint", nullable: false),
                    InterestMinor = table.Column<long>(type: "bigint", nullable: false),
                    FeesMinor = table.Column<long>(type: "bigint", nullable: false),
                    CreditMinor = table.Column<long>(type: "bigint", nullable: false),
                    OutstandingMinor = table.Column<long>(type: "bigint", nullable: false),
                    PlacedPrincipalMinor = table.Column<long>(type: "bigint", nullable: false),
                    PlacedInterestMinor = table.Column<long>(type: "bigint", nullable: false),
                    PlacedFeesMinor = table.Column<long>(type: "bigint", nullable: false),
                    EntryCount = table.Column<long>(type: "bigint", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_payments_ledger_accounts", x => x.AccountId);
                });

            migrationBuilder.CreateTable(
                name: "payments_ledger_entries",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    AccountId = table.Column<Guid>(type: "uuid", nullable: false),
                    Sequence = table.Column<long>(type: "bigint", nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    PrincipalMinor = table.Column<long>(type: "bigint", nullable: false),
                    InterestMinor = table.Column<long>(type: "bigint", nullable: false),
                    FeesMinor = table.Column<long>(type: "bigint", nullable: false),
                    CreditMinor = table.Column<long>(type: "bigint", nullable: false),
                    AmountMinor = table.Column<long>(type: "bigint", nullable: false),
                    OccurredAt = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                    RecordedAt = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                    IdempotencyKey = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    RequestHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    ReversesEntryId = table.Column<Guid>(type: "uuid", nullable: true),
                    Provider = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    ProviderReference = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Method = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    Description = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_payments_ledger_entries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_payments_ledger_entries_payments_ledger_accounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "payments_ledger_accounts",
                        principalColumn: "AccountId",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_payments_ledger_accounts_OutstandingMinor",
                table: "payments_ledger_accounts",
                column: "OutstandingMinor");

            migrationBuilder.CreateIndex(
                name: "IX_payments_ledger_entries_AccountId_IdempotencyKey",
                table: "payments_ledger_entries",
                columns: new[] { "AccountId", "IdempotencyKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_payments_ledger_entries_AccountId_Sequence",
                table: "payments_ledger_entries",
                columns: new[] { "AccountId", "Sequence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_payments_ledger_entries_Provider_ProviderReference",
                table: "payments_ledger_entries",
                columns: new[] { "Provider", "ProviderReference" },
                filter: "\"Provider\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_payments_ledger_entries_ReversesEntryId",
                table: "payments_ledger_entries",
                column: "ReversesEntryId",
                unique: true,
                filter: "\"ReversesEntryId\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "payments_ledger_entries");

            migrationBuilder.DropTable(
                name: "payments_ledger_accounts");
        }
    }
}
