using Microsoft.EntityFrameworkCore.Migrations;
using NodaTime;

#nullable disable

namespace Parley.Persistence.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class EncryptedDateOfBirth : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "DateOfBirth",
                table: "accounts_customers",
                type: "character varying(101)",
                maxLength: 101,
                nullable: true,
                oldClrType: typeof(LocalDate),
                oldType: "date",
                oldNullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<LocalDate>(
                name: "DateOfBirth",
                table: "accounts_customers",
                type: "date",
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(101)",
                oldMaxLength: 101,
                oldNullable: true);
        }
    }
}
