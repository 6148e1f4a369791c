using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using NodaTime;
using NodaTime.Serialization.SystemTextJson;
using Parley.Modules.Outreach.Contracts;
using Parley.Modules.Outreach.Domain;
using Parley.Persistence.Conventions;
using Parley.Persistence.Protection;

namespace Parley.Modules.Outreach.Persistence;

internal sealed class ContactAttemptConfiguration : IEntityTypeConfiguration<ContactAttempt>
{
    public void Configure(EntityTypeBuilder<ContactAttempt> b)
    {
        b.ToTable("outreach_contact_attempts");
        b.HasKey(a => a.Id);
        b.Property(a => a.Id).HasConversion<StronglyTypedIdConverter<ContactAttemptId>>();

        // The gate's question is "every contact with this person since T"; the history page's is "this account's, newest first".
        b.HasIndex(a => new { a.CustomerId, a.At });
        b.HasIndex(a => new { a.AccountId, a.At });

        // A retried send or a re-imported row carries the same key: the database refuses the second record.
        b.HasIndex(a => new { a.AccountId, a.IdempotencyKey }).IsUnique();
        b.Property(a => a.IdempotencyKey).HasMaxLength(200);
        b.Property(a => a.Channel).HasConversion<string>().HasMaxLength(10);
        b.Property(a => a.Direction).HasConversion<string>().HasMaxLength(10);
        // Up to 300 characters of postal address, at most 3 UTF-8 bytes each (a 40-byte column refused long e-mail addresses on PostgreSQL).
        b.Property(a => a.Address).IsEncrypted(maxPlaintextBytes: 900);
        b.Property(a => a.RecordedBy).HasMaxLength(200);
        b.Property(a => a.Template).HasMaxLength(100);
        b.Property(a => a.Tone).HasMaxLength(40);
        b.Property(a => a.Note).HasMaxLength(1000);
        b.Property(a => a.LatestOutcome).HasConversion<string>().HasMaxLength(30);
        b.Property(a => a.Result).HasConversion<string>().HasMaxLength(20);
        b.HasMany(a => a.Outcomes).WithOne().HasForeignKey(o => o.AttemptId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(a => a.Outcomes).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class ContactAttemptOutcomeConfiguration : IEntityTypeConfiguration<ContactAttemptOutcome>
{
    public void Configure(EntityTypeBuilder<ContactAttemptOutcome> b)
    {
        b.ToTable("outreach_contact_outcomes");
        b.HasKey(o => o.Id);
        b.Property(o => o.AttemptId).HasConversion<StronglyTypedIdConverter<ContactAttemptId>>();
        b.HasIndex(o => o.AttemptId);
        b.Property(o => o.Outcome).HasConversion<string>().HasMaxLength(30);
        b.Property(o => o.RecordedBy).HasMaxLength(200);
        b.Property(o => o.Note).HasMaxLength(1000);
    }
}

internal sealed class CustomerPreferencesConfiguration : IEntityTypeConfiguration<CustomerPreferences>
{
    // The preferences are one document per customer: read and replaced whole, never queried inside.
    private static readonly JsonSerializerOptions Json = new JsonSerializerOptions(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    }.ConfigureForNodaTime(DateTimeZoneProviders.Tzdb);

    public void Configure(EntityTypeBuilder<CustomerPreferences> b)
    {
        b.ToTable("outreach_customer_preferences");
        b.HasKey(p => p.CustomerId);
        b.HasIndex(p => p.CreditorId);
        b.Property(p => p.Preferences)
            .HasConversion(
                new ValueConverter<ContactPreferences, string>(v => JsonSerializer.Serialize(v, Json), s => JsonSerializer.Deserialize<ContactPreferences>(s, Json)!),
                new ValueComparer<ContactPreferences>(
                    (x, y) => JsonSerializer.Serialize(x, Json) == JsonSerializer.Serialize(y, Json),
                    v => JsonSerializer.Serialize(v, Json).GetHashCode(StringComparison.Ordinal),
                    v => JsonSerializer.Deserialize<ContactPreferences>(JsonSerializer.Serialize(v, Json), Json)!))
            .IsJson();
    }
}

internal sealed class PreferenceChangeConfiguration : IEntityTypeConfiguration<PreferenceChange>
{
    public void Configure(EntityTypeBuilder<PreferenceChange> b)
    {
        b.ToTable("outreach_preference_changes");
        b.HasKey(c => c.Id);
        b.HasIndex(c => new { c.CustomerId, c.At });
        b.Property(c => c.ChangedBy).HasMaxLength(200);
        b.Property(c => c.Reason).HasMaxLength(500);
        b.Property(c => c.Changes)
            .HasConversion(
                new ValueConverter<List<string>, string>(v => JsonSerializer.Serialize(v, JsonSerializerOptions.Web), s => JsonSerializer.Deserialize<List<string>>(s, JsonSerializerOptions.Web)!),
                new ValueComparer<List<string>>((x, y) => x!.SequenceEqual(y!), v => v.Count, v => v.ToList()))
            .IsJson();
    }
}

internal sealed class CreditorContactBudgetConfiguration : IEntityTypeConfiguration<CreditorContactBudget>
{
    public void Configure(EntityTypeBuilder<CreditorContactBudget> b)
    {
        b.ToTable("outreach_contact_budgets");
        b.HasKey(x => x.CreditorId);
        b.Ignore(x => x.Budget);
        b.Property(x => x.ChangedBy).HasMaxLength(200);
        b.Property(x => x.Reason).HasMaxLength(500);
    }
}
