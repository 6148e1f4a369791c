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
            // SQL cannot decrypt: sealed dates of birth become NULL going down; plaintext ones convert back.
            migrationBuilder.Sql("""
                ALTER TABLE accounts_customers ALTER COLUMN "DateOfBirth" TYPE date
                USING CASE WHEN "DateOfBirth" LIKE '%:%' THEN NULL ELSE "DateOfBirth"::date END;
                """);
        }
    }
}
