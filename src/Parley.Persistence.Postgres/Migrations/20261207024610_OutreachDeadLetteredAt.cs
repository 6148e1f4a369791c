using Microsoft.EntityFrameworkCore.Migrations;
using NodaTime;

#nullable disable

namespace Parley.Persistence.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class OutreachDeadLetteredAt : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Instant>(
                name: "DeadLetteredAt",
                table: "outreach_planned_contacts",
                type: "timestamp with time zone",
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
