using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Parley.Modules.Payments.Contracts;
using Parley.Modules.Payments.Domain;
using Parley.Modules.Payments.Webhooks;

namespace Parley.Modules.Payments.Persistence;

internal static class PaymentsTables
{
    public const string Accounts = "payments_ledger_accounts";
    public const string Entries = "payments_ledger_entries";
    public const string WebhookEvents = "payments_webhook_events";
}

internal sealed class LedgerAccountConfiguration : IEntityTypeConfiguration<LedgerAccount>
{
    public void Configure(EntityTypeBuilder<LedgerAccount> b)
    {
        b.ToTable(PaymentsTables.Accounts);
        b.HasKey(a => a.AccountId);
        b.Property(a => a.AccountId).ValueGeneratedNever();
        b.Property(a => a.Waterfall).HasMaxLength(60);
        b.Property(a => a.Version).IsConcurrencyToken();
        b.Ignore(a => a.Balance);
        b.Ignore(a => a.Placed);
        b.Ignore(a => a.PaymentOrder);
    }
}

internal sealed class LedgerEntryConfiguration : IEntityTypeConfiguration<LedgerEntry>
{
    public void Configure(EntityTypeBuilder<LedgerEntry> b)
    {
        b.ToTable(PaymentsTables.Entries);
        b.HasKey(e => e.Id);
        b.Property(e => e.Id).ValueGeneratedNever();
        b.HasOne<LedgerAccount>().WithMany().HasForeignKey(e => e.AccountId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(e => new { e.AccountId, e.Sequence }).IsUnique();
        b.HasIndex(e => new { e.AccountId, e.IdempotencyKey }).IsUnique();
        // At most one reversal per entry, enforced by the database as well as the domain.
        b.HasIndex(e => e.ReversesEntryId).IsUnique().HasFilter("\"ReversesEntryId\" IS NOT NULL");
        b.HasIndex(e => new { e.Provider, e.ProviderReference }).HasFilter("\"Provider\" IS NOT NULL");
        b.Property(e => e.Kind).HasConversion(k => k.Name(), s => LedgerEntryKinds.Parse(s)).HasMaxLength(20);
        b.Property(e => e.IdempotencyKey).HasMaxLength(LedgerEntry.IdempotencyKeyMaxLength);
        b.Property(e => e.RequestHash).HasMaxLength(64);
        b.Property(e => e.Provider).HasMaxLength(40);
        b.Property(e => e.ProviderReference).HasMaxLength(200);
        b.Property(e => e.Method).HasMaxLength(20);
        b.Property(e => e.Description).HasMaxLength(500);
        b.Ignore(e => e.Deltas);
    }
}

internal sealed class WebhookEventConfiguration : IEntityTypeConfiguration<WebhookEvent>
{
    public void Configure(EntityTypeBuilder<WebhookEvent> b)
    {
        b.ToTable(PaymentsTables.WebhookEvents);
        // One binding per event id and provider, enforced by the database so two concurrent deliveries cannot both post.
        b.HasKey(e => new { e.Provider, e.EventId });
        b.Property(e => e.Provider).HasMaxLength(WebhookEvent.ProviderMaxLength);
        b.Property(e => e.EventId).HasMaxLength(LedgerEntry.IdempotencyKeyMaxLength);
        b.Property(e => e.BodyHash).HasMaxLength(64);
    }
}

/// <summary>Other modules read balances through this keyless view of the projection table; it creates no table of its own.</summary>
internal sealed class AccountBalanceViewConfiguration : IEntityTypeConfiguration<AccountBalanceView>
{
    public void Configure(EntityTypeBuilder<AccountBalanceView> b)
    {
        b.HasNoKey();
        b.ToView(PaymentsTables.Accounts);
    }
}
