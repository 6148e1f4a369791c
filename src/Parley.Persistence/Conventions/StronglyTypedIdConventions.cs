using Microsoft.EntityFrameworkCore;
using Parley.SharedKernel;

namespace Parley.Persistence.Conventions;

/// <summary>Maps every strongly typed id in the shared kernel to its GUID.</summary>
public static class StronglyTypedIdConventions
{
    private static readonly Type[] IdTypes = typeof(IStronglyTypedId<>).Assembly.GetTypes()
        .Where(t => t.IsValueType && t.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IStronglyTypedId<>)))
        .ToArray();

    public static void Apply(ModelConfigurationBuilder builder)
    {
        foreach (var idType in IdTypes)
        {
            builder.Properties(idType).HaveConversion(typeof(StronglyTypedIdConverter<>).MakeGenericType(idType));
        }
    }
}
