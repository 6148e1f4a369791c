using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Parley.Modules.Outreach.Calls;
using Parley.Modules.Outreach.Contracts;
using Parley.Persistence.Conventions;

namespace Parley.Modules.Outreach.Planning;

internal sealed class PlannedContactConfiguration : IEntityTypeConfiguration<PlannedContact>
{
    public void Configure(EntityTypeBuilder<PlannedContact> b)
    {
        b.ToTable("outreach_planned_contacts");
        b.HasKey(p => p.Id);
        b.Property(p => p.Id).HasConversion<StronglyTypedIdConverter<PlannedContactId>>();
        b.HasIndex(p => p.IdempotencyKey).IsUnique();
        b.Property(p => p.IdempotencyKey).HasMaxLength(200);

        // The planner reads an account's ladder so far; the sender claims what is due; the Ops page reads a day.
        b.HasIndex(p => new { p.AccountId, p.Rung });
        b.HasIndex(p => new { p.Status, p.NextAttemptAt });
        b.HasIndex(p => new { p.PlanDay, p.ScheduledAt });
        b.Property(p => p.Step).HasConversion<string>().HasMaxLength(20);
        b.Property(p => p.Channel).HasConversion<string>().HasMaxLength(10);
        b.Property(p => p.Purpose).HasConversion<string>().HasMaxLength(20);
        b.Property(p => p.Tone).HasConversion<string>().HasMaxLength(20);
        b.Property(p => p.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(p => p.Language).HasMaxLength(20);
        b.Property(p => p.TimeZone).HasMaxLength(64);
        b.Property(p => p.LastError).HasMaxLength(1000);
        b.Property(p => p.CancelReason).HasMaxLength(1000);
        b.Property(p => p.ProviderMessageId).HasMaxLength(200);
        b.Ignore(p => p.Template);

        // A pass that outlived its lease and was taken over must not overwrite the new owner's work.
        b.Property(p => p.ClaimId).IsConcurrencyToken();
        b.Property(p => p.Reasons).HasConversion(StringList.Converter, StringList.Comparer).IsJson();
        b.Property(p => p.RuleIds).HasConversion(StringList.Converter, StringList.Comparer).IsJson();
    }
}

internal sealed class CallTaskConfiguration : IEntityTypeConfiguration<CallTask>
{
    public void Configure(EntityTypeBuilder<CallTask> b)
    {
        b.ToTable("outreach_call_tasks");
        b.HasKey(t => t.Id);
        b.Property(t => t.Id).HasConversion<StronglyTypedIdConverter<CallTaskId>>();
        b.Property(t => t.PlannedContact).HasConversion<StronglyTypedIdConverter<PlannedContactId>>();
        b.HasIndex(t => t.PlannedContact).IsUnique();
        b.HasIndex(t => new { t.Status, t.WindowFrom });
        b.HasIndex(t => t.AccountId);
        b.Property(t => t.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(t => t.Reason).HasMaxLength(500);
        b.Property(t => t.TimeZone).HasMaxLength(64);
        b.Property(t => t.AssignedTo).HasMaxLength(200);
        b.Property(t => t.CompletedBy).HasMaxLength(200);
        b.Property(t => t.Outcome).HasConversion<string>().HasMaxLength(30);
        b.Property(t => t.Attempt).HasConversion<StronglyTypedIdConverter<ContactAttemptId>>();
    }
}

/// <summary>A list of short texts kept as one JSON column (read and written whole).</summary>
internal static class StringList
{
    public static readonly ValueConverter<List<string>, string> Converter =
        new(v => JsonSerializer.Serialize(v, JsonSerializerOptions.Web), s => JsonSerializer.Deserialize<List<string>>(s, JsonSerializerOptions.Web)!);

    public static readonly ValueComparer<List<string>> Comparer = new((x, y) => x!.SequenceEqual(y!), v => v.Count, v => v.ToList());
}
