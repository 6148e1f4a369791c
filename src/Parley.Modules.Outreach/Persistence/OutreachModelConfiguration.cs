using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
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
        b.Property(a => a.Address).IsEncrypted();
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
