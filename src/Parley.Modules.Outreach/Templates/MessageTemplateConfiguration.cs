using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Parley.Modules.Outreach.Contracts;
using Parley.Persistence.Conventions;

namespace Parley.Modules.Outreach.Templates;

internal sealed class MessageTemplateConfiguration : IEntityTypeConfiguration<MessageTemplate>
{
    public void Configure(EntityTypeBuilder<MessageTemplate> b)
    {
        b.ToTable("outreach_message_templates");
        b.HasKey(t => t.Id);
        b.Property(t => t.Id).HasConversion<StronglyTypedIdConverter<MessageTemplateId>>();
        b.Property(t => t.Purpose).HasConversion<string>().HasMaxLength(30);
        b.Property(t => t.Channel).HasConversion<string>().HasMaxLength(10);
        b.Property(t => t.Language).HasMaxLength(10);
        b.Property(t => t.Tone).HasConversion<string>().HasMaxLength(20);
        b.Property(t => t.Status).HasConversion<string>().HasMaxLength(10);
        b.Property(t => t.Name).HasMaxLength(120);
        b.Property(t => t.Subject).HasMaxLength(200);
        b.Property(t => t.Body).HasMaxLength(TemplateLimits.BodyLength);
        b.Property(t => t.DraftedBy).HasMaxLength(200);
        b.Property(t => t.ApprovedBy).HasMaxLength(200);
        b.Property(t => t.RetiredBy).HasMaxLength(200);
        b.Ignore(t => t.Key);

        // Versions number per key; two nodes installing the default library at once collide here, and one wins.
        b.HasIndex(t => new { t.Purpose, t.Channel, t.Language, t.Tone, t.Version }).IsUnique();

        // At most one approved version per key: the renderer reads it, and a racing second approval is refused.
        b.HasIndex(t => new { t.Purpose, t.Channel, t.Language, t.Tone }).IsUnique().HasFilter("\"Status\" = 'Approved'")
            .HasDatabaseName("IX_outreach_message_templates_approved_key");
    }
}
