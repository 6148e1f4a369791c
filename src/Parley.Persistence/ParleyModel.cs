using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Parley.Persistence.Protection;

namespace Parley.Persistence;

/// <summary>
/// The module assemblies whose <c>IEntityTypeConfiguration</c>s make up the one model, and the cipher its encrypted
/// columns use. Composed by the host.
/// </summary>
public sealed class ParleyModel(DatabaseProvider provider, IReadOnlyList<Assembly> moduleAssemblies, FieldCipher cipher)
{
    public DatabaseProvider Provider { get; } = provider;

    public IReadOnlyList<Assembly> ModuleAssemblies { get; } = moduleAssemblies;

    public FieldCipher Cipher { get; } = cipher;
}

/// <summary>EF caches one model per key: the encrypted columns' converters hold a cipher, so its key is part of the key.</summary>
internal sealed class ParleyModelCacheKeyFactory : IModelCacheKeyFactory
{
    public object Create(DbContext context, bool designTime) =>
        context is ParleyDbContext parley ? (context.GetType(), parley.Provider, parley.Cipher.KeyId, designTime) : (context.GetType(), designTime);
}
