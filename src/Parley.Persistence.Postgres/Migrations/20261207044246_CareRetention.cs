using Microsoft.EntityFrameworkCore.Migrations;
using NodaTime;

#nullable disable

namespace Parley.Persistence.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class CareRetention : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Instant>(
                name: "ErasedAt",
                table: "care_vulnerability_records",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ErasedBy",
                table: "care_vulnerability_records",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_care_vulnerability_records_Status_EraseAt",
                table: "care_vulnerability_records",
                columns: new[] { "Status", "EraseAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_care_vulnerability_records_Status_EraseAt",
                table: "care_vulnerability_records");

            migrationBuilder.DropColumn(
                name: "ErasedAt",
                table: "care_vulnerability_records");

            migrationBuilder.DropColumn(
                name: "ErasedBy",
                table: "care_vulnerability_records");
        }
    }
}
