using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Parley.Persistence.Conventions;

namespace Parley.Persistence.Outbox;

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> b)
    {
        b.ToTable("outbox_messages");
        b.HasKey(m => m.Id);
        b.Property(m => m.Id).ValueGeneratedNever();
        b.Property(m => m.Type).HasMaxLength(OutboxMessage.TypeMaxLength);
        b.Property(m => m.Payload).IsJson();
        b.Property(m => m.IdempotencyKey).HasMaxLength(OutboxMessage.IdempotencyKeyMaxLength);
        b.Property(m => m.LastError).HasMaxLength(500);
        b.HasIndex(m => m.IdempotencyKey).IsUnique();
        b.Property(m => m.ClaimId).IsConcurrencyToken();

        // A pass loads the batch it claimed by its claim id.
        b.HasIndex(m => m.ClaimId);

        // The dispatcher's scan: undelivered messages in the order they happened.
        b.HasIndex(m => new { m.DispatchedAt, m.OccurredAt });
    }
}
