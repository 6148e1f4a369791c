using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Parley.Persistence.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class CareRetention : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "ErasedAt",
                table: "care_vulnerability_records",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ErasedBy",
                table: "care_vulnerability_records",
                type: "TEXT",
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
