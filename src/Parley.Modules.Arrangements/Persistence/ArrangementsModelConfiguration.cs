using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Parley.Modules.Arrangements.Affordability;
using Parley.Modules.Arrangements.Plans;
using Parley.Persistence.Conventions;

namespace Parley.Modules.Arrangements.Persistence;

internal static class ArrangementsColumns
{
    // The shared kernel's id convention covers its own ids; this module's ids are mapped here with the same converter.
    public static PropertyBuilder<ArrangementId> IsId(this PropertyBuilder<ArrangementId> p) => p.HasConversion(new StronglyTypedIdConverter<ArrangementId>());

    public static PropertyBuilder<IncomeExpenditureId> IsId(this PropertyBuilder<IncomeExpenditureId> p) => p.HasConversion(new StronglyTypedIdConverter<IncomeExpenditureId>());

    public static PropertyBuilder<T> AsJson<T>(this PropertyBuilder<T> p)
        where T : class => p.HasConversion(
                new ValueConverter<T, string>(v => JsonSerializer.Serialize(v, JsonSerializerOptions.Web), s => JsonSerializer.Deserialize<T>(s, JsonSerializerOptions.Web)!),
                new ValueComparer<T>(
                    (x, y) => JsonSerializer.Serialize(x, JsonSerializerOptions.Web) == JsonSerializer.Serialize(y, JsonSerializerOptions.Web),
                    v => JsonSerializer.Serialize(v, JsonSerializerOptions.Web).GetHashCode(StringComparison.Ordinal),
                    v => JsonSerializer.Deserialize<T>(JsonSerializer.Serialize(v, JsonSerializerOptions.Web), JsonSerializerOptions.Web)!))
            .IsJson();
}

internal sealed class IncomeExpenditureCaptureConfiguration : IEntityTypeConfiguration<IncomeExpenditureCapture>
{
    public void Configure(EntityTypeBuilder<IncomeExpenditureCapture> b)
    {
        b.ToTable("arrangements_ie_captures");
        b.HasKey(c => c.Id);
        b.Property(c => c.Id).IsId().ValueGeneratedNever();
        b.HasIndex(c => new { c.AccountId, c.Version }).IsUnique();
        b.Property(c => c.Standard).HasConversion<string>().HasMaxLength(10);
        b.Property(c => c.CapturedBy).HasMaxLength(100);
        b.Property(c => c.OtherCreditorsMinor).AsJson();
        b.Property(c => c.Flags).AsJson();
        b.HasMany(c => c.Lines).WithOne().HasForeignKey(l => l.CaptureId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(c => c.Lines).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class IncomeExpenditureLineConfiguration : IEntityTypeConfiguration<IncomeExpenditureLine>
{
    public void Configure(EntityTypeBuilder<IncomeExpenditureLine> b)
    {
        b.ToTable("arrangements_ie_lines");
        b.HasKey(l => new { l.CaptureId, l.Category });
        b.Property(l => l.CaptureId).IsId();
        b.Property(l => l.Category).HasMaxLength(60);
    }
}

internal sealed class ArrangementConfiguration : IEntityTypeConfiguration<Arrangement>
{
    public void Configure(EntityTypeBuilder<Arrangement> b)
    {
        b.ToTable("arrangements_plans");
        b.HasKey(a => a.Id);
        b.Property(a => a.Id).IsId().ValueGeneratedNever();
        b.HasIndex(a => new { a.AccountId, a.CreatedAt });
        b.HasIndex(a => a.Status);
        b.Property(a => a.Shape).HasMaxLength(500);
        b.Property(a => a.ShapeName).HasMaxLength(20);
        b.Property(a => a.Frequency).HasConversion(f => PlanInputText.Name(f), s => PlanInputText.ParseFrequency(s)!.Value).HasMaxLength(20);
        b.Property(a => a.Status).HasConversion(s => ArrangementEvents.StatusName(s), s => StatusFrom(s)).HasMaxLength(20);
        b.Property(a => a.Approval).HasConversion<string>().HasMaxLength(20);
        b.Property(a => a.ApprovalReason).HasMaxLength(500);
        b.Property<string>("BreachesText").HasColumnName("Breaches").HasMaxLength(2000);
        b.Ignore(a => a.Breaches);
        b.Property(a => a.ApprovedBy).HasMaxLength(100);
        b.Property(a => a.CreatedBy).HasMaxLength(100);
        b.Property(a => a.CloseReason).HasMaxLength(500);
        b.Property(a => a.Version).IsConcurrencyToken();
        b.OwnsOne(a => a.Policy, p =>
        {
            p.Property(x => x.MinimumInstalmentMinor).HasColumnName("PolicyMinimumInstalmentMinor");
            p.Property(x => x.SettlementDiscountMinPercent).HasColumnName("PolicySettlementDiscountMinPercent").HasPrecision(5, 2);
            p.Property(x => x.SettlementDiscountMaxPercent).HasColumnName("PolicySettlementDiscountMaxPercent").HasPrecision(5, 2);
            p.Property(x => x.GraceDays).HasColumnName("PolicyGraceDays");
            p.Property(x => x.AllowedMisses).HasColumnName("PolicyAllowedMisses");
        });
        b.Navigation(a => a.Policy).IsRequired();
        b.HasMany(a => a.Instalments).WithOne().HasForeignKey(i => i.ArrangementId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(a => a.Instalments).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.HasMany(a => a.History).WithOne().HasForeignKey(h => h.ArrangementId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(a => a.History).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Ignore(a => a.PendingEvents);
        b.Ignore(a => a.Tolerance);
        b.Ignore(a => a.IsClosed);
    }

    internal static ArrangementStatus StatusFrom(string name) =>
        Enum.GetValues<ArrangementStatus>().Single(s => ArrangementEvents.StatusName(s) == name);
}

internal sealed class ArrangementInstalmentConfiguration : IEntityTypeConfiguration<ArrangementInstalment>
{
    public void Configure(EntityTypeBuilder<ArrangementInstalment> b)
    {
        b.ToTable("arrangements_instalments");
        b.HasKey(i => new { i.ArrangementId, i.Number });
        b.Property(i => i.ArrangementId).IsId();
        b.Ignore(i => i.Status);
    }
}

internal sealed class ArrangementStatusChangeConfiguration : IEntityTypeConfiguration<ArrangementStatusChange>
{
    public void Configure(EntityTypeBuilder<ArrangementStatusChange> b)
    {
        b.ToTable("arrangements_status_history");
        b.HasKey(h => h.Id);
        b.Property(h => h.Id).ValueGeneratedNever();
        b.Property(h => h.ArrangementId).IsId();
        b.HasIndex(h => new { h.ArrangementId, h.At });
        b.Property(h => h.From).HasConversion(s => s == null ? null : ArrangementEvents.StatusName(s.Value), s => s == null ? null : ArrangementConfiguration.StatusFrom(s)).HasMaxLength(20);
        b.Property(h => h.To).HasConversion(s => ArrangementEvents.StatusName(s), s => ArrangementConfiguration.StatusFrom(s)).HasMaxLength(20);
        b.Property(h => h.By).HasMaxLength(100);
        b.Property(h => h.Reason).HasMaxLength(500);
    }
}
