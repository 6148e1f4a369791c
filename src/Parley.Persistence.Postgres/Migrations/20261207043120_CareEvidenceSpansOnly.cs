using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Parley.Persistence.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class CareEvidenceSpansOnly : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The customer's words leave the plaintext JSON: evidence keeps code, start, length and rule; the phrase is
            // cut from the encrypted reading text on read (ADR 21). A record's spans name the reading they index: the
            // reading of the item that proposed it, for rows written before spans carried it.
            migrationBuilder.Sql("""
                UPDATE care_readings SET "Evidence" = coalesce(
                    (SELECT jsonb_agg(e - 'phrase' ORDER BY o) FROM jsonb_array_elements(care_readings."Evidence") WITH ORDINALITY AS t(e, o)), '[]'::jsonb);
                """);
            migrationBuilder.Sql("""
                UPDATE care_vulnerability_records AS v SET "Evidence" = coalesce(
                    (SELECT jsonb_agg((e - 'phrase') || jsonb_build_object('readingId', coalesce(e ->> 'readingId',
                        (SELECT i."ReadingId"::text FROM care_items AS i WHERE i."VulnerabilityRecordId" = v."Id" AND i."ReadingId" IS NOT NULL ORDER BY i."CreatedAt" LIMIT 1))) ORDER BY o)
                     FROM jsonb_array_elements(v."Evidence") WITH ORDINALITY AS t(e, o)), '[]'::jsonb);
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Nothing to undo: the spans still index the readings, and the views cut the phrases from them.
        }
    }
}
