using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Parley.Persistence.Protection;

namespace Parley.Modules.Outreach.Channels;

internal sealed class DevOutboxMessageConfiguration : IEntityTypeConfiguration<DevOutboxMessage>
{
    public void Configure(EntityTypeBuilder<DevOutboxMessage> b)
    {
        b.ToTable("outreach_dev_outbox");
        b.HasKey(m => m.Id);

        // Sending the same key twice stores it once: the database refuses the second row.
        b.HasIndex(m => m.IdempotencyKey).IsUnique();
        b.HasIndex(m => m.At);
        b.HasIndex(m => new { m.AccountId, m.At });
        b.Property(m => m.IdempotencyKey).HasMaxLength(200);
        b.Property(m => m.Channel).HasConversion<string>().HasMaxLength(10);
        b.Property(m => m.Status).HasConversion<string>().HasMaxLength(10);
        b.Property(m => m.Language).HasMaxLength(35);
        b.Ignore(m => m.ProviderMessageId);

        // Addresses, subjects, bodies and headers (which name the address) are encrypted; bodies have no length limit.
        // An e-mail address of up to 254 characters (3 UTF-8 bytes each at most) or a number.
        b.Property(m => m.To).IsEncrypted(maxPlaintextBytes: 762);
        b.Property(m => m.Subject).IsEncrypted().Metadata.SetMaxLength(null);
        b.Property(m => m.Text).IsEncrypted().Metadata.SetMaxLength(null);
        b.Property(m => m.Html).IsEncrypted().Metadata.SetMaxLength(null);
        b.Property(m => m.Headers).IsEncrypted().Metadata.SetMaxLength(null);
    }
}

internal sealed class AddressLinkConfiguration : IEntityTypeConfiguration<AddressLink>
{
    public void Configure(EntityTypeBuilder<AddressLink> b)
    {
        b.ToTable("outreach_address_links");
        b.HasKey(l => l.Id);
        b.HasIndex(l => new { l.AddressHash, l.AccountId }).IsUnique();
        b.HasIndex(l => new { l.AccountId, l.Channel });
        b.Property(l => l.AddressHash).HasMaxLength(64);
        b.Property(l => l.Channel).HasConversion<string>().HasMaxLength(10);
        b.Property(l => l.Address).IsEncrypted().Metadata.SetMaxLength(null);
    }
}

internal sealed class InvalidAddressConfiguration : IEntityTypeConfiguration<InvalidAddress>
{
    public void Configure(EntityTypeBuilder<InvalidAddress> b)
    {
        b.ToTable("outreach_invalid_addresses");
        b.HasKey(a => a.Id);
        b.HasIndex(a => new { a.CustomerId, a.AddressHash }).IsUnique();
        b.HasIndex(a => a.AddressHash);
        b.Property(a => a.AddressHash).HasMaxLength(64);
        b.Property(a => a.Channel).HasConversion<string>().HasMaxLength(10);
        b.Property(a => a.Reason).HasMaxLength(300);
        b.Property(a => a.Address).IsEncrypted().Metadata.SetMaxLength(null);
    }
}

internal sealed class ProviderSendConfiguration : IEntityTypeConfiguration<ProviderSend>
{
    public void Configure(EntityTypeBuilder<ProviderSend> b)
    {
        b.ToTable("outreach_provider_sends");
        b.HasKey(s => s.Id);
        b.HasIndex(s => new { s.Provider, s.ProviderMessageId }).IsUnique();
        b.HasIndex(s => s.IdempotencyKey);
        b.Property(s => s.Provider).HasMaxLength(40);
        b.Property(s => s.ProviderMessageId).HasMaxLength(200);
        b.Property(s => s.IdempotencyKey).HasMaxLength(200);
        b.Property(s => s.Channel).HasConversion<string>().HasMaxLength(10);
    }
}
