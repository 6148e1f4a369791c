using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Parley.Persistence.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class OutreachPlannedNextLawfulAndCancelledAt : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "CancelledAt",
                table: "outreach_planned_contacts",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "NextLawfulAt",
                table: "outreach_planned_contacts",
                type: "INTEGER",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // The previous migration's model lacks this table (it was made on a branch without planning), so EF cannot
            // rebuild it to drop a column; SQLite drops a plain nullable column itself.
            migrationBuilder.Sql("ALTER TABLE outreach_planned_contacts DROP COLUMN \"CancelledAt\";");
            migrationBuilder.Sql("ALTER TABLE outreach_planned_contacts DROP COLUMN \"NextLawfulAt\";");
        }
    }
}
