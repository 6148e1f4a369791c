using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Parley.Persistence.Conventions;
using Parley.Persistence.Protection;
using Parley.SharedKernel;

namespace Parley.Persistence;

/// <summary>The one unit of work. Modules contribute their tables through entity type configurations.</summary>
public sealed class ParleyDbContext(DbContextOptions<ParleyDbContext> options, ParleyModel model)
    : IdentityDbContext<StaffUser>(options)
{
    public DatabaseProvider Provider => model.Provider;

    /// <summary>The cipher of the encrypted columns, for bulk paths that write them without EF.</summary>
    public FieldCipher Cipher => model.Cipher;

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        RenameIdentityTables(builder);
        foreach (var assembly in model.ModuleAssemblies)
        {
            builder.ApplyConfigurationsFromAssembly(assembly);
        }

        JsonColumns.Apply(builder, model.Provider);
        EncryptedColumns.Apply(builder, model.Cipher);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<Currency>().HaveConversion<CurrencyConverter>().HaveMaxLength(3);
        configurationBuilder.Properties<Jurisdiction>().HaveConversion<JurisdictionConverter>().HaveMaxLength(6);
        StronglyTypedIdConventions.Apply(configurationBuilder);
        if (model.Provider == DatabaseProvider.Sqlite)
        {
            // SQLite has no date types: instants as ticks keep ordering and range queries in SQL; dates as ISO text sort correctly.
            configurationBuilder.Properties<Instant>().HaveConversion<InstantTicksConverter>();
            configurationBuilder.Properties<LocalDate>().HaveConversion<LocalDateIsoConverter>();
        }
    }

    private static void RenameIdentityTables(ModelBuilder builder)
    {
        builder.Entity<StaffUser>().ToTable("identity_users");
        builder.Entity<Microsoft.AspNetCore.Identity.IdentityRole>().ToTable("identity_roles");
        builder.Entity<Microsoft.AspNetCore.Identity.IdentityUserRole<string>>().ToTable("identity_user_roles");
        builder.Entity<Microsoft.AspNetCore.Identity.IdentityUserClaim<string>>().ToTable("identity_user_claims");
        builder.Entity<Microsoft.AspNetCore.Identity.IdentityUserLogin<string>>().ToTable("identity_user_logins");
        builder.Entity<Microsoft.AspNetCore.Identity.IdentityRoleClaim<string>>().ToTable("identity_role_claims");
        builder.Entity<Microsoft.AspNetCore.Identity.IdentityUserToken<string>>().ToTable("identity_user_tokens");
    }
}
