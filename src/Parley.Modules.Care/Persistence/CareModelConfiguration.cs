using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using NodaTime;
using NodaTime.Serialization.SystemTextJson;
using Parley.Modules.Care.Domain;
using Parley.Persistence.Conventions;
using Parley.Persistence.Protection;

namespace Parley.Modules.Care.Persistence;

internal static class CareColumns
{
    private static readonly JsonSerializerOptions Json = new JsonSerializerOptions(JsonSerializerOptions.Web).ConfigureForNodaTime(DateTimeZoneProviders.Tzdb);

    public static PropertyBuilder<List<T>> AsJson<T>(this PropertyBuilder<List<T>> p) => p.HasConversion(
            new ValueConverter<List<T>, string>(v => JsonSerializer.Serialize(v, Json), s => JsonSerializer.Deserialize<List<T>>(s, Json) ?? new List<T>()),
            new ValueComparer<List<T>>(
                (x, y) => JsonSerializer.Serialize(x, Json) == JsonSerializer.Serialize(y, Json),
                v => JsonSerializer.Serialize(v, Json).GetHashCode(StringComparison.Ordinal),
                v => JsonSerializer.Deserialize<List<T>>(JsonSerializer.Serialize(v, Json), Json)!))
        .IsJson();
}

internal sealed class CareReadingConfiguration : IEntityTypeConfiguration<CareReading>
{
    public void Configure(EntityTypeBuilder<CareReading> b)
    {
        b.ToTable("care_readings");
        b.HasKey(r => r.Id);
        // Read once: a re-delivery or a second node finds the reading and stores nothing.
        b.HasIndex(r => r.MessageId).IsUnique();
        b.HasIndex(r => new { r.AccountId, r.ReadAt });
        b.Property(r => r.Source).HasMaxLength(20);
        b.Property(r => r.ModelVersion).HasMaxLength(100);
        // The customer's words: encrypted like the message they came from.
        b.Property(r => r.Text).IsEncrypted().Metadata.SetMaxLength(null);
        b.Property(r => r.Flags).AsJson();
        b.Property(r => r.Evidence).AsJson();
        b.Property(r => r.Tone).AsJson();
    }
}

internal sealed class CareItemConfiguration : IEntityTypeConfiguration<CareItem>
{
    public void Configure(EntityTypeBuilder<CareItem> b)
    {
        b.ToTable("care_items");
        b.HasKey(i => i.Id);
        b.HasIndex(i => new { i.Status, i.Priority, i.CreatedAt });
        b.HasIndex(i => new { i.AccountId, i.Status });
        b.Property(i => i.Kind).HasConversion<string>().HasMaxLength(30);
        b.Property(i => i.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(i => i.ResolvedBy).HasMaxLength(200);
        b.Property(i => i.Labels).AsJson();
        b.Property(i => i.Log).AsJson();
    }
}

internal sealed class VulnerabilityRecordConfiguration : IEntityTypeConfiguration<VulnerabilityRecord>
{
    public void Configure(EntityTypeBuilder<VulnerabilityRecord> b)
    {
        b.ToTable("care_vulnerability_records");
        b.HasKey(v => v.Id);
        b.HasIndex(v => new { v.AccountId, v.Status });
        b.Property(v => v.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(v => v.ConsentGivenBy).IsEncrypted(maxPlaintextBytes: 600);
        b.Property(v => v.ConsentHow).HasMaxLength(200);
        b.Property(v => v.ConsentAgreedTo).HasMaxLength(1000);
        b.Property(v => v.ErasedBy).HasMaxLength(200);
        // The retention job finds what is due by status and date.
        b.HasIndex(v => new { v.Status, v.EraseAt });
        b.Property(v => v.Drivers).AsJson();
        b.Property(v => v.Evidence).AsJson();
        b.Property(v => v.Audit).AsJson();
    }
}

internal sealed class CareLabelVerdictConfiguration : IEntityTypeConfiguration<CareLabelVerdict>
{
    public void Configure(EntityTypeBuilder<CareLabelVerdict> b)
    {
        b.ToTable("care_label_verdicts");
        b.HasKey(l => l.Id);
        b.HasIndex(l => l.MessageId);
        b.Property(l => l.Label).HasMaxLength(40);
        b.Property(l => l.Verdict).HasMaxLength(20);
        b.Property(l => l.By).HasMaxLength(200);
        b.Property(l => l.Reason).HasMaxLength(500);
    }
}
