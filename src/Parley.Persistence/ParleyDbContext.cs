using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Parley.Persistence.Conventions;
using Parley.Persistence.Protection;
using Parley.SharedKernel;

namespace Parley.Persistence;

/// <summary>The one unit of work. Modules contribute their tables through entity type configurations.</summary>
/// <remarks>
/// Holds no state of its own beyond the application-wide <see cref="ParleyModel"/>, taken from the application's
/// services so the constructor needs only its options (what DbContext pooling requires).
/// </remarks>
public sealed class ParleyDbContext(DbContextOptions<ParleyDbContext> options)
    : IdentityDbContext<StaffUser>(options)
{
    private readonly ParleyModel _model = options.FindExtension<CoreOptionsExtension>()?.ApplicationServiceProvider?.GetService<ParleyModel>()
        ?? throw new InvalidOperationException("ParleyDbContext is registered by AddParleyPersistence, which supplies its ParleyModel.");

    public DatabaseProvider Provider => _model.Provider;

    /// <summary>The cipher of the encrypted columns, for bulk paths that write them without EF.</summary>
    public FieldCipher Cipher => _model.Cipher;

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        RenameIdentityTables(builder);
        builder.ApplyConfiguration(new Outbox.OutboxMessageConfiguration());
        foreach (var assembly in _model.ModuleAssemblies)
        {
            builder.ApplyConfigurationsFromAssembly(assembly);
        }

        JsonColumns.Apply(builder, _model.Provider);
        EncryptedColumns.Apply(builder, _model.Cipher);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<Currency>().HaveConversion<CurrencyConverter>().HaveMaxLength(3);
        configurationBuilder.Properties<Jurisdiction>().HaveConversion<JurisdictionConverter>().HaveMaxLength(6);
        StronglyTypedIdConventions.Apply(configurationBuilder);
        if (_model.Provider == DatabaseProvider.Sqlite)
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
