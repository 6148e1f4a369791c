using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Parley.Modules.Accounts.Domain;
using Parley.Persistence.Conventions;
using Parley.Persistence.Protection;

namespace Parley.Modules.Accounts.Persistence;

internal sealed class CreditorConfiguration : IEntityTypeConfiguration<Creditor>
{
    public void Configure(EntityTypeBuilder<Creditor> b)
    {
        b.ToTable("accounts_creditors");
        b.HasKey(c => c.Id);
        b.HasIndex(c => c.Code).IsUnique();
        b.Property(c => c.Code).HasMaxLength(40);
        b.Property(c => c.Name).HasMaxLength(200);
        b.Property(c => c.Waterfall).HasMaxLength(60);
        b.Property(c => c.SettlementDiscountMinPercent).HasPrecision(5, 2);
        b.Property(c => c.SettlementDiscountMaxPercent).HasPrecision(5, 2);
        b.Property(c => c.AnnualInterestRatePercent).HasPrecision(7, 4);

        // Existing creditors get the documented default of 60 months (0 is never valid, so EF's sentinel is safe).
        b.Property(c => c.MaxPlanMonths).HasDefaultValue(CreditorPolicy.DefaultMaxPlanMonths);

        // Existing creditors get the documented tolerance (3 grace days, 1 allowed miss); 0 is valid, so the sentinel is −1.
        b.Property(c => c.GraceDays).HasDefaultValue(CreditorPolicy.DefaultGraceDays).HasSentinel(-1);
        b.Property(c => c.AllowedMisses).HasDefaultValue(CreditorPolicy.DefaultAllowedMisses).HasSentinel(-1);
        b.Ignore(c => c.Policy);
    }
}

internal sealed class CustomerConfiguration : IEntityTypeConfiguration<Customer>
{
    public void Configure(EntityTypeBuilder<Customer> b)
    {
        b.ToTable("accounts_customers");
        b.HasKey(c => c.Id);
        b.HasOne<Creditor>().WithMany().HasForeignKey(c => c.CreditorId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(c => new { c.CreditorId, c.CustomerReference }).IsUnique();
        b.Property(c => c.CustomerReference).HasMaxLength(64);
        b.Property(c => c.GivenName).HasMaxLength(100);
        b.Property(c => c.FamilyName).HasMaxLength(100);
        b.Property(c => c.SearchName).HasDefaultValue("");
        b.Property(c => c.Language).HasMaxLength(35);
        b.Property(c => c.DateOfBirth).IsEncrypted();
        b.Ignore(c => c.FullName);
        b.Ignore(c => c.PrimaryAddress);
        b.HasMany(c => c.Addresses).WithOne().HasForeignKey(a => a.CustomerId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(c => c.Phones).WithOne().HasForeignKey(p => p.CustomerId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(c => c.Emails).WithOne().HasForeignKey(e => e.CustomerId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(c => c.Addresses).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Navigation(c => c.Phones).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Navigation(c => c.Emails).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class PostalAddressConfiguration : IEntityTypeConfiguration<PostalAddress>
{
    public void Configure(EntityTypeBuilder<PostalAddress> b)
    {
        b.ToTable("accounts_addresses");
        b.HasKey(a => a.Id);
        b.HasIndex(a => a.CustomerId);
        b.Property(a => a.Line1).HasMaxLength(200);
        b.Property(a => a.Line2).HasMaxLength(200);
        b.Property(a => a.City).HasMaxLength(100);
        b.Property(a => a.PostalCode).HasMaxLength(20);
        b.Property(a => a.TimeZone).HasMaxLength(64);
    }
}

internal sealed class PhoneNumberConfiguration : IEntityTypeConfiguration<PhoneNumber>
{
    public void Configure(EntityTypeBuilder<PhoneNumber> b)
    {
        b.ToTable("accounts_phones");
        b.HasKey(p => p.Id);
        b.HasIndex(p => new { p.CustomerId, p.E164 }).IsUnique();
        b.Property(p => p.E164).HasMaxLength(16);
        b.Property(p => p.Type).HasConversion<string>().HasMaxLength(10);
        b.Property(p => p.Source).HasConversion<string>().HasMaxLength(10);
        b.Ignore(p => p.IsCurrent);
    }
}

internal sealed class EmailAddressConfiguration : IEntityTypeConfiguration<EmailAddress>
{
    public void Configure(EntityTypeBuilder<EmailAddress> b)
    {
        b.ToTable("accounts_emails");
        b.HasKey(e => e.Id);
        b.HasIndex(e => new { e.CustomerId, e.Address }).IsUnique();
        b.Property(e => e.Address).HasMaxLength(254);
        b.Property(e => e.Type).HasConversion<string>().HasMaxLength(10);
        b.Property(e => e.Source).HasConversion<string>().HasMaxLength(10);
        b.Ignore(e => e.IsCurrent);
    }
}

internal sealed class AccountConfiguration : IEntityTypeConfiguration<Account>
{
    public void Configure(EntityTypeBuilder<Account> b)
    {
        b.ToTable("accounts_accounts");
        b.HasKey(a => a.Id);
        b.HasOne<Creditor>().WithMany().HasForeignKey(a => a.CreditorId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Customer>().WithMany().HasForeignKey(a => a.CustomerId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(a => new { a.CreditorId, a.CreditorReference }).IsUnique();
        b.HasIndex(a => a.CustomerId);
        b.HasIndex(a => new { a.Status, a.DelinquencyBucket });
        b.Property(a => a.CreditorReference).HasMaxLength(64);
        b.Property(a => a.OriginalCreditor).HasMaxLength(200);
        b.Property(a => a.PlacementHash).HasMaxLength(64);
        b.Property(a => a.ProductType).HasConversion<string>().HasMaxLength(20);
        b.Property(a => a.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(a => a.DelinquencyBucket).HasConversion<string>().HasMaxLength(20);
        b.Property(a => a.Statements)
            .HasColumnName("StatementHistory")
            .HasConversion(
                new ValueConverter<StatementHistory, string>(h => h.ToJson(), json => StatementHistory.FromJson(json)),
                new ValueComparer<StatementHistory>((x, y) => Equals(x, y), h => h.GetHashCode(), h => h))
            .IsJson();
    }
}

internal sealed class AccountChangeConfiguration : IEntityTypeConfiguration<AccountChange>
{
    public void Configure(EntityTypeBuilder<AccountChange> b)
    {
        b.ToTable("accounts_account_changes");
        b.HasKey(c => c.Id);
        b.HasIndex(c => new { c.AccountId, c.At });
        b.HasOne<Account>().WithMany().HasForeignKey(c => c.AccountId).OnDelete(DeleteBehavior.Cascade);
        b.Property(c => c.Field).HasMaxLength(60);
        b.Property(c => c.OldValue).HasMaxLength(200);
        b.Property(c => c.NewValue).HasMaxLength(200);
    }
}

internal sealed class HoldConfiguration : IEntityTypeConfiguration<Hold>
{
    public void Configure(EntityTypeBuilder<Hold> b)
    {
        b.ToTable("accounts_holds");
        b.HasKey(h => h.Id);
        b.HasIndex(h => new { h.CustomerId, h.EndedAt });
        b.HasIndex(h => h.AccountId);
        b.HasOne<Customer>().WithMany().HasForeignKey(h => h.CustomerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Account>().WithMany().HasForeignKey(h => h.AccountId).OnDelete(DeleteBehavior.Restrict);
        b.Property(h => h.Type).HasConversion<string>().HasMaxLength(30);
        b.Property(h => h.Reason).HasMaxLength(500);
        b.Property(h => h.SetBy).HasMaxLength(100);
        b.Property(h => h.EndedBy).HasMaxLength(100);
        b.Property(h => h.EndReason).HasMaxLength(500);
    }
}
