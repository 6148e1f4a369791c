using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Parley.Persistence.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class OutreachContactAddressLength : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "Address",
                table: "outreach_contact_attempts",
                type: "character varying(1249)",
                maxLength: 1249,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(101)",
                oldMaxLength: 101);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "Address",
                table: "outreach_contact_attempts",
                type: "character varying(101)",
                maxLength: 101,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(1249)",
                oldMaxLength: 1249);
        }
    }
}
