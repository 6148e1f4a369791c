using System;
using Microsoft.EntityFrameworkCore.Migrations;
using NodaTime;

#nullable disable

namespace Parley.Persistence.Postgres.Migrations
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    AccountId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ModelVersion = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Probability = table.Column<double>(type: "double precision", nullable: false),
                    ReasonsJson = table.Column<string>(type: "text", nullable: false),
                    Segment = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    ScoredAt = table.Column<Instant>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_decisioning_account_scores", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "decisioning_models",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Version = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Format = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    ContentSha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    CardJson = table.Column<string>(type: "text", nullable: false),
                    CardMarkdown = table.Column<string>(type: "text", nullable: false),
                    Forest = table.Column<byte[]>(type: "bytea", nullable: false),
                    TrainedAt = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                    RegisteredAt = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                    IsActive = table.Column<bool>(type: "boolean", nullable: false),
                    ActivatedAt = table.Column<Instant>(type: "timestamp with time zone", nullable: true)
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
