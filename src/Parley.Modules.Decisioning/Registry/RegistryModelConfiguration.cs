using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Parley.Modules.Decisioning.Registry;

internal sealed class RegisteredModelConfiguration : IEntityTypeConfiguration<RegisteredModel>
{
    public void Configure(EntityTypeBuilder<RegisteredModel> b)
    {
        b.ToTable("decisioning_models");
        b.HasKey(m => m.Id);
        b.HasIndex(m => new { m.Kind, m.Version }).IsUnique();
        b.HasIndex(m => new { m.Kind, m.IsActive });
        b.Property(m => m.Kind).HasConversion<string>().HasMaxLength(20);
        b.Property(m => m.Version).HasMaxLength(40);
        b.Property(m => m.Format).HasMaxLength(60);
        b.Property(m => m.ContentSha256).HasMaxLength(64);
    }
}

internal sealed class AccountScoreConfiguration : IEntityTypeConfiguration<AccountScore>
{
    public void Configure(EntityTypeBuilder<AccountScore> b)
    {
        b.ToTable("decisioning_account_scores");
        b.HasKey(s => s.Id);
        b.HasIndex(s => new { s.AccountId, s.Kind, s.ScoredAt });
        b.Property(s => s.Kind).HasConversion<string>().HasMaxLength(20);
        b.Property(s => s.Segment).HasConversion<string>().HasMaxLength(30);
        b.Property(s => s.ModelVersion).HasMaxLength(40);
    }
}
