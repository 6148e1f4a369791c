using System;
using Microsoft.EntityFrameworkCore.Migrations;
using NodaTime;

#nullable disable

namespace Parley.Persistence.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class ImportRunLeases : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Instant>(
                name: "HeartbeatAt",
                table: "accounts_import_runs",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<Instant>(
                name: "LeaseUntil",
                table: "accounts_import_runs",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "OwnerHost",
                table: "accounts_import_runs",
                type: "character varying(253)",
                maxLength: 253,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "OwnerInstance",
                table: "accounts_import_runs",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "OwnerProcessId",
                table: "accounts_import_runs",
                type: "integer",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "HeartbeatAt",
                table: "accounts_import_runs");

            migrationBuilder.DropColumn(
                name: "LeaseUntil",
                table: "accounts_import_runs");

            migrationBuilder.DropColumn(
                name: "OwnerHost",
                table: "accounts_import_runs");

            migrationBuilder.DropColumn(
                name: "OwnerInstance",
                table: "accounts_import_runs");

            migrationBuilder.DropColumn(
                name: "OwnerProcessId",
                table: "accounts_import_runs");
        }
    }
}
