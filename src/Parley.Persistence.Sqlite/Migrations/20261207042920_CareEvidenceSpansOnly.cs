using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Parley.Persistence.Sqlite.Migrations
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
                UPDATE care_readings SET Evidence = coalesce(
                    (SELECT json_group_array(json_remove(j.value, '$.phrase')) FROM json_each(care_readings.Evidence) AS j), '[]');
                """);
            migrationBuilder.Sql("""
                UPDATE care_vulnerability_records SET Evidence = coalesce(
                    (SELECT json_group_array(json_set(json_remove(j.value, '$.phrase'), '$.readingId', coalesce(json_extract(j.value, '$.readingId'),
                        (SELECT i.ReadingId FROM care_items AS i WHERE i.VulnerabilityRecordId = care_vulnerability_records.Id AND i.ReadingId IS NOT NULL ORDER BY i.CreatedAt LIMIT 1))))
                     FROM json_each(care_vulnerability_records.Evidence) AS j), '[]');
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Nothing to undo: the spans still index the readings, and the views cut the phrases from them.
        }
    }
}
