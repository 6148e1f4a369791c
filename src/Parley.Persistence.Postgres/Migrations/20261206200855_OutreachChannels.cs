using System;
using Microsoft.EntityFrameworkCore.Migrations;
using NodaTime;

#nullable disable

namespace Parley.Persistence.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class OutreachChannels : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "outreach_address_links",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Channel = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    AddressHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Address = table.Column<string>(type: "text", nullable: false),
                    AccountId = table.Column<Guid>(type: "uuid", nullable: false),
                    CustomerId = table.Column<Guid>(type: "uuid", nullable: false),
                    CreditorId = table.Column<Guid>(type: "uuid", nullable: false),
                    FirstUsedAt = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                    LastUsedAt = table.Column<Instant>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_outreach_address_links", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "outreach_dev_outbox",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    IdempotencyKey = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    AccountId = table.Column<Guid>(type: "uuid", nullable: false),
                    CreditorId = table.Column<Guid>(type: "uuid", nullable: false),
                    Channel = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    To = table.Column<string>(type: "character varying(101)", maxLength: 101, nullable: false),
                    Subject = table.Column<string>(type: "text", nullable: true),
                    Text = table.Column<string>(type: "text", nullable: false),
                    Html = table.Column<string>(type: "text", nullable: true),
                    Headers = table.Column<string>(type: "text", nullable: false),
                    Language = table.Column<string>(type: "character varying(35)", maxLength: 35, nullable: false),
                    Status = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    At = table.Column<Instant>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_outreach_dev_outbox", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "outreach_invalid_addresses",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Channel = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    AddressHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Address = table.Column<string>(type: "text", nullable: false),
                    CustomerId = table.Column<Guid>(type: "uuid", nullable: false),
                    Reason = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    At = table.Column<Instant>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_outreach_invalid_addresses", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "outreach_messages",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    AccountId = table.Column<Guid>(type: "uuid", nullable: false),
                    CustomerId = table.Column<Guid>(type: "uuid", nullable: false),
                    CreditorId = table.Column<Guid>(type: "uuid", nullable: false),
                    Direction = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Channel = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    At = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                    Text = table.Column<string>(type: "text", nullable: false),
                    Provider = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    ProviderMessageId = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Keyword = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_outreach_messages", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "outreach_provider_sends",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Provider = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    ProviderMessageId = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    IdempotencyKey = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    AccountId = table.Column<Guid>(type: "uuid", nullable: false),
                    Channel = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    At = table.Column<Instant>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_outreach_provider_sends", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_outreach_address_links_AccountId_Channel",
                table: "outreach_address_links",
                columns: new[] { "AccountId", "Channel" });

            migrationBuilder.CreateIndex(
                name: "IX_outreach_address_links_AddressHash_AccountId",
                table: "outreach_address_links",
                columns: new[] { "AddressHash", "AccountId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_outreach_dev_outbox_AccountId_At",
                table: "outreach_dev_outbox",
                columns: new[] { "AccountId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_outreach_dev_outbox_At",
                table: "outreach_dev_outbox",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_outreach_dev_outbox_IdempotencyKey",
                table: "outreach_dev_outbox",
                column: "IdempotencyKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_outreach_invalid_addresses_AddressHash",
                table: "outreach_invalid_addresses",
                column: "AddressHash");

            migrationBuilder.CreateIndex(
                name: "IX_outreach_invalid_addresses_CustomerId_AddressHash",
                table: "outreach_invalid_addresses",
                columns: new[] { "CustomerId", "AddressHash" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_outreach_messages_AccountId_At",
                table: "outreach_messages",
                columns: new[] { "AccountId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_outreach_messages_Provider_ProviderMessageId",
                table: "outreach_messages",
                columns: new[] { "Provider", "ProviderMessageId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_outreach_provider_sends_IdempotencyKey",
                table: "outreach_provider_sends",
                column: "IdempotencyKey");

            migrationBuilder.CreateIndex(
                name: "IX_outreach_provider_sends_Provider_ProviderMessageId",
                table: "outreach_provider_sends",
                columns: new[] { "Provider", "ProviderMessageId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "outreach_address_links");

            migrationBuilder.DropTable(
                name: "outreach_dev_outbox");

            migrationBuilder.DropTable(
                name: "outreach_invalid_addresses");

            migrationBuilder.DropTable(
                name: "outreach_messages");

            migrationBuilder.DropTable(
                name: "outreach_provider_sends");
        }
    }
}
