using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Parley.Persistence.Conventions;

/// <summary>Marks a property that a converter stores as JSON text, so each provider gives it its JSON column type.</summary>
public static class JsonColumns
{
    private const string Annotation = "Parley:JsonColumn";

    public static PropertyBuilder<T> IsJson<T>(this PropertyBuilder<T> property) => property.HasAnnotation(Annotation, true);

    /// <summary>PostgreSQL stores them as <c>jsonb</c> (queryable and indexable); SQLite keeps text, which its JSON functions read.</summary>
    internal static void Apply(ModelBuilder builder, DatabaseProvider provider)
    {
        if (provider != DatabaseProvider.Postgres)
        {
            return;
        }

        foreach (var property in builder.Model.GetEntityTypes().SelectMany(e => e.GetProperties()).Where(p => p.FindAnnotation(Annotation) is not null))
        {
            property.SetColumnType("jsonb");
        }
    }
}
