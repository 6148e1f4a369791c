using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Parley.Persistence.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class DecisioningModelRegistry : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "decisioning_account_scores",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    AccountId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ModelVersion = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Probability = table.Column<double>(type: "REAL", nullable: false),
                    ReasonsJson = table.Column<string>(type: "TEXT", nullable: false),
                    Segment = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    ScoredAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_decisioning_account_scores", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "decisioning_models",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Version = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Format = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    ContentSha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CardJson = table.Column<string>(type: "TEXT", nullable: false),
                    CardMarkdown = table.Column<string>(type: "TEXT", nullable: false),
                    Forest = table.Column<byte[]>(type: "BLOB", nullable: false),
                    TrainedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RegisteredAt = table.Column<long>(type: "INTEGER", nullable: false),
                    IsActive = table.Column<bool>(type: "INTEGER", nullable: false),
                    ActivatedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_decisioning_models", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_decisioning_account_scores_AccountId_Kind_ScoredAt",
                table: "decisioning_account_scores",
                columns: new[] { "AccountId", "Kind", "ScoredAt" });

            migrationBuilder.CreateIndex(
                name: "IX_decisioning_models_Kind_IsActive",
                table: "decisioning_models",
                columns: new[] { "Kind", "IsActive" });

            migrationBuilder.CreateIndex(
                name: "IX_decisioning_models_Kind_Version",
                table: "decisioning_models",
                columns: new[] { "Kind", "Version" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "decisioning_account_scores");

            migrationBuilder.DropTable(
                name: "decisioning_models");
        }
    }
}
