using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Parley.Persistence.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class OutreachDeadLetteredAt : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "DeadLetteredAt",
                table: "outreach_planned_contacts",
                type: "INTEGER",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "DeadLetteredAt",
                table: "outreach_planned_contacts");
        }
    }
}
