using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Parley.Persistence.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ImportRunLeases : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "HeartbeatAt",
                table: "accounts_import_runs",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "LeaseUntil",
                table: "accounts_import_runs",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "OwnerHost",
                table: "accounts_import_runs",
                type: "TEXT",
                maxLength: 253,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "OwnerInstance",
                table: "accounts_import_runs",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "OwnerProcessId",
                table: "accounts_import_runs",
                type: "INTEGER",
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
