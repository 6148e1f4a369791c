using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Parley.Persistence.Protection;

namespace Parley.Modules.Outreach.Inbound;

internal sealed class OutreachMessageConfiguration : IEntityTypeConfiguration<OutreachMessage>
{
    public void Configure(EntityTypeBuilder<OutreachMessage> b)
    {
        b.ToTable("outreach_messages");
        b.HasKey(m => m.Id);
        b.HasIndex(m => new { m.AccountId, m.At });

        // A provider redelivering a webhook must not store the message twice.
        b.HasIndex(m => new { m.Provider, m.ProviderMessageId }).IsUnique();
        b.Property(m => m.Provider).HasMaxLength(40);
        b.Property(m => m.ProviderMessageId).HasMaxLength(200);
        b.Property(m => m.Direction).HasConversion<string>().HasMaxLength(10);
        b.Property(m => m.Channel).HasConversion<string>().HasMaxLength(10);
        b.Property(m => m.Keyword).HasMaxLength(10);
        b.Property(m => m.Text).IsEncrypted().Metadata.SetMaxLength(null);
    }
}

internal sealed class MailboxTryConfiguration : IEntityTypeConfiguration<MailboxTry>
{
    public void Configure(EntityTypeBuilder<MailboxTry> b)
    {
        b.ToTable("outreach_mailbox_tries");
        b.HasKey(t => t.Key);
        b.Property(t => t.Key).HasMaxLength(40);
    }
}
