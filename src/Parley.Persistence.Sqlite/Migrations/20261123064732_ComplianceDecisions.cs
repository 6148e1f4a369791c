using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Parley.Persistence.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ComplianceDecisions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "compliance_decisions",
                columns: table => new
                {
                    Sequence = table.Column<long>(type: "INTEGER", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Proposal = table.Column<string>(type: "TEXT", nullable: false),
                    FactsDigest = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    RuleVersions = table.Column<string>(type: "TEXT", nullable: false),
                    Verdict = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    RuleIds = table.Column<string>(type: "TEXT", nullable: false),
                    NextLawfulAt = table.Column<long>(type: "INTEGER", nullable: true),
                    PreviousHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_compliance_decisions", x => x.Sequence);
                });

            migrationBuilder.CreateIndex(
                name: "IX_compliance_decisions_At",
                table: "compliance_decisions",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_compliance_decisions_Subject",
                table: "compliance_decisions",
                column: "Subject");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "compliance_decisions");
        }
    }
}
