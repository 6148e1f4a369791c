using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Parley.Modules.Accounts.Import;

namespace Parley.Modules.Accounts.Persistence;

internal sealed class ImportRunConfiguration : IEntityTypeConfiguration<ImportRun>
{
    public void Configure(EntityTypeBuilder<ImportRun> b)
    {
        b.ToTable("accounts_import_runs");
        b.HasKey(r => r.Id);
        b.HasIndex(r => r.StartedAt);
        b.Property(r => r.FileName).HasMaxLength(260);
        b.Property(r => r.Sha256).HasMaxLength(64);
        b.Property(r => r.Status).HasConversion<string>().HasMaxLength(12);
        b.Property(r => r.Failure).HasMaxLength(1000);
        b.Property(r => r.OwnerHost).HasMaxLength(ImportRunOwnerColumns.HostLength);
    }
}

internal sealed class ImportRejectConfiguration : IEntityTypeConfiguration<ImportReject>
{
    public void Configure(EntityTypeBuilder<ImportReject> b)
    {
        b.ToTable("accounts_import_rejects");
        b.HasKey(r => new { r.ImportId, r.RowNumber, r.Ordinal });
        b.HasOne<ImportRun>().WithMany().HasForeignKey(r => r.ImportId).OnDelete(DeleteBehavior.Cascade);
        b.Property(r => r.AccountRef).HasMaxLength(64);
        b.Property(r => r.Field).HasMaxLength(40);
        b.Property(r => r.Message).HasMaxLength(500);
    }
}
