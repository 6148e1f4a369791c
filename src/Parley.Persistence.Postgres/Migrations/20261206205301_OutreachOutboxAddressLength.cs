using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Parley.Persistence.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class OutreachOutboxAddressLength : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "To",
                table: "outreach_dev_outbox",
                type: "character varying(1065)",
                maxLength: 1065,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(101)",
                oldMaxLength: 101);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "To",
                table: "outreach_dev_outbox",
                type: "character varying(101)",
                maxLength: 101,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(1065)",
                oldMaxLength: 1065);
        }
    }
}
