using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Reflection;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using NodaTime;
using Npgsql;

namespace Parley.Persistence.Conventions;

/// <summary>One column a bulk writer fills: the entity's property, the column EF maps it to, and its store type.</summary>
public sealed record BulkColumn(string PropertyName, string ColumnName, string StoreType);

/// <summary>
/// An entity type's table as the bulk writers see it, read from the EF model: its name, every mapped property's
/// column, and one compiled delegate per provider that writes a row's values exactly as EF stores them (value
/// converters for strongly typed ids, enums, currencies, JSON and encrypted fields, NodaTime as each provider keeps
/// it). A property added to the entity and its configuration is written with no change here. Built once per model.
/// </summary>
public sealed class BulkTable<T>
    where T : class
{
    private static readonly ConditionalWeakTable<IModel, BulkTable<T>> Tables = [];

    private readonly IReadOnlyList<IProperty> _properties;
    private readonly Dictionary<string, BulkColumn> _byProperty;
    private readonly ConcurrentDictionary<string, Action<PostgresBinaryCopy, T, StoredForms<T>?>> _postgres = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Action<SqliteBulkStatement, int, T, StoredForms<T>?>> _sqlite = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Delegate> _values = new(StringComparer.Ordinal);
    private readonly Lazy<Func<SqliteBulkStatement, T>> _sqliteRow;
    private readonly Lazy<Func<NpgsqlDataReader, T>> _postgresRow;

    private BulkTable(IModel model, DatabaseProvider provider)
    {
        var entity = model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not an entity type of the model.");
        Name = entity.GetTableName() ?? throw new InvalidOperationException($"{typeof(T).Name} is not mapped to a table.");
        Provider = provider;
        var table = StoreObjectIdentifier.Table(Name, entity.GetSchema());
        _properties = entity.GetProperties().ToList();
        Columns = _properties.Select(p => new BulkColumn(p.Name, p.GetColumnName(table) ?? p.Name, p.GetRelationalTypeMapping().StoreType)).ToList();
        _byProperty = Columns.ToDictionary(c => c.PropertyName, StringComparer.Ordinal);
        Key = entity.FindPrimaryKey()?.Properties.Select(p => p.Name).ToList() ?? [];
        _sqliteRow = new(() => CompileRow<SqliteBulkStatement>(SqliteRead));
        _postgresRow = new(() => CompileRow<NpgsqlDataReader>(PostgresRead));
    }

    public string Name { get; }

    public DatabaseProvider Provider { get; }

    /// <summary>Every column, in the order each row's values are written.</summary>
    public IReadOnlyList<BulkColumn> Columns { get; }

    /// <summary>The primary key's property names.</summary>
    public IReadOnlyList<string> Key { get; }

    /// <summary>The table of <typeparamref name="T"/> in this context's model.</summary>
    public static BulkTable<T> Of(DbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        var provider = BulkWriter.ProviderOf(db);
        return Tables.GetValue(db.Model, model => new BulkTable<T>(model, provider));
    }

    /// <summary>The column of a property, quoted for SQL (identifiers come from the model, never from input).</summary>
    public string Column(string propertyName) =>
        Quote(_byProperty.TryGetValue(propertyName, out var column) ? column.ColumnName
            : throw new ArgumentException($"{typeof(T).Name} has no mapped property {propertyName}.", nameof(propertyName)));

    /// <summary>Every column, quoted, comma-separated, in write order.</summary>
    public string ColumnList => string.Join(", ", Columns.Select(c => Quote(c.ColumnName)));

    public string QuotedName => Quote(Name);

    /// <summary>The 0-based position of a property's column in write order.</summary>
    public int Position(string propertyName)
    {
        for (var i = 0; i < Columns.Count; i++)
        {
            if (Columns[i].PropertyName == propertyName)
            {
                return i;
            }
        }

        throw new ArgumentException($"{typeof(T).Name} has no mapped property {propertyName}.", nameof(propertyName));
    }

    /// <summary>
    /// A property's value as its column stores it (EF's own converter, e.g. a sealed field), for a caller that
    /// converts before the writer and hands the result over as <see cref="StoredForms{T}"/>. Safe on any thread.
    /// </summary>
    public Func<TValue, string> StoredText<TValue>(string propertyName)
    {
        var property = _properties[Position(propertyName)];
        return ConverterOf(property) is { ConvertToProviderExpression: Expression<Func<TValue, string>> convert }
            ? convert.Compile()
            : throw new NotSupportedException($"{typeof(T).Name}.{propertyName} is not stored as text converted from {typeof(TValue).Name}.");
    }

    /// <summary>
    /// Writes one row's values, in <see cref="Columns"/> order, to a binary COPY (after its StartRow); the stored
    /// forms given are written for their property instead of converting it.
    /// </summary>
    internal Action<PostgresBinaryCopy, T, StoredForms<T>?> PostgresWriter(string? storedProperty) =>
        _postgres.GetOrAdd(storedProperty ?? "", _ => CompilePostgres(storedProperty));

    /// <summary>Binds one row's values to parameters offset…offset+N−1 (<see cref="Columns"/> order) of a positional statement.</summary>
    internal Action<SqliteBulkStatement, int, T, StoredForms<T>?> SqliteBinder(string? storedProperty) =>
        SqliteBinderOf(Columns.Select(c => c.PropertyName).ToList(), storedProperty);

    /// <summary>
    /// Binds only these properties' values to parameters offset…offset+N−1, in the order given: SQLite refuses a bind
    /// to a parameter its statement does not have, so an UPDATE binds just the columns it names.
    /// </summary>
    internal Action<SqliteBulkStatement, int, T, StoredForms<T>?> SqliteBinderOf(IReadOnlyList<string> propertyNames, string? storedProperty) =>
        _sqlite.GetOrAdd(string.Join(',', propertyNames) + "|" + storedProperty, _ => CompileSqlite(propertyNames.Select(Position).ToList(), storedProperty));

    /// <summary>
    /// Builds an entity from a row whose columns are <see cref="ColumnList"/>, as EF would materialise it: EF's own
    /// converters from the stored forms and the members EF sets (backing fields), nothing tracked.
    /// </summary>
    internal Func<SqliteBulkStatement, T> SqliteRow() => _sqliteRow.Value;

    /// <inheritdoc cref="SqliteRow"/>
    internal Func<NpgsqlDataReader, T> PostgresRow() => _postgresRow.Value;

    /// <summary>Binds a value of one property, as its column stores it, to parameter <c>n</c> of a positional statement.</summary>
    internal Action<SqliteBulkStatement, int, TValue> SqliteValue<TValue>(string propertyName) =>
        (Action<SqliteBulkStatement, int, TValue>)_values.GetOrAdd("sqlite|" + propertyName, _ => CompileSqliteValue<TValue>(propertyName));

    /// <summary>Values of one property as one array parameter of their stored form (e.g. <c>uuid[]</c>), for <c>= ANY($n)</c> or <c>unnest($n)</c>.</summary>
    internal Func<IEnumerable<TValue>, NpgsqlParameter> PostgresArray<TValue>(string propertyName) =>
        (Func<IEnumerable<TValue>, NpgsqlParameter>)_values.GetOrAdd("postgres|" + propertyName, _ => CompilePostgresArray<TValue>(propertyName));

    internal static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private Action<PostgresBinaryCopy, T, StoredForms<T>?> CompilePostgres(string? storedProperty)
    {
        var copy = Expression.Parameter(typeof(PostgresBinaryCopy), "copy");
        var row = Expression.Parameter(typeof(T), "row");
        var stored = Expression.Parameter(typeof(StoredForms<T>), "stored");
        var writes = _properties.Select((p, i) => ValueOf(p, row, stored, storedProperty, (value, type) => PostgresWrite(copy, value, type, p, Columns[i]), Expression.Call(copy, nameof(PostgresBinaryCopy.WriteNull), null)));
        return Expression.Lambda<Action<PostgresBinaryCopy, T, StoredForms<T>?>>(Expression.Block(writes), copy, row, stored).Compile();
    }

    private Action<SqliteBulkStatement, int, T, StoredForms<T>?> CompileSqlite(IReadOnlyList<int> positions, string? storedProperty)
    {
        var statement = Expression.Parameter(typeof(SqliteBulkStatement), "statement");
        var offset = Expression.Parameter(typeof(int), "offset");
        var row = Expression.Parameter(typeof(T), "row");
        var stored = Expression.Parameter(typeof(StoredForms<T>), "stored");
        var binds = positions.Select((column, i) =>
        {
            var p = _properties[column];
            var parameter = Expression.Add(offset, Expression.Constant(i));
            return ValueOf(p, row, stored, storedProperty, (value, type) => SqliteBind(statement, parameter, value, type, p, Columns[column]),
                Expression.Call(statement, nameof(SqliteBulkStatement.BindNull), null, parameter));
        });
        return Expression.Lambda<Action<SqliteBulkStatement, int, T, StoredForms<T>?>>(Expression.Block(binds), statement, offset, row, stored).Compile();
    }

    /// <summary>
    /// Reads the property, writes NULL for a null, otherwise converts the value to what the provider stores (EF's own
    /// converter) and hands it to <paramref name="write"/> with the type it has then. For the stored property, a form
    /// the caller already made for the row is written as given.
    /// </summary>
    private Expression ValueOf(IProperty property, ParameterExpression row, ParameterExpression stored, string? storedProperty, Func<Expression, Type, Expression> write, Expression writeNull)
    {
        MemberInfo? member = property.PropertyInfo is { CanRead: true } info ? info : property.FieldInfo;
        if (member is null)
        {
            throw new NotSupportedException($"{typeof(T).Name}.{property.Name} has no CLR member to read (a shadow property); bulk writers cannot write it.");
        }

        var read = Expression.MakeMemberAccess(member.DeclaringType == typeof(T) || member.DeclaringType!.IsAssignableFrom(typeof(T)) ? row : Expression.Convert(row, member.DeclaringType), member);
        var converter = ConverterOf(property);
        var value = Expression.Variable(read.Type, "value");
        var underlying = Nullable.GetUnderlyingType(read.Type);
        Expression present = underlying is not null ? Expression.Property(value, "Value") : value;
        var converted = Convert(present, converter);
        var body = write(converted, converted.Type);
        Expression guarded = underlying is not null ? Expression.IfThenElse(Expression.Property(value, "HasValue"), body, writeNull)
            : !read.Type.IsValueType ? Expression.IfThenElse(Expression.Equal(value, Expression.Constant(null, read.Type)), writeNull, body)
            : body;
        var converting = Expression.Block([value], Expression.Assign(value, read), guarded);
        if (property.Name != storedProperty)
        {
            return converting;
        }

        if (converter?.ProviderClrType != typeof(string))
        {
            throw new NotSupportedException($"{typeof(T).Name}.{property.Name} is not stored as converted text; it has no stored form to take.");
        }

        var form = Expression.Variable(typeof(string), "form");
        var given = Expression.Call(stored, nameof(StoredForms<T>.TryGet), null, row, form);
        var writeGiven = Expression.IfThenElse(Expression.Equal(form, Expression.Constant(null, typeof(string))), writeNull, write(form, typeof(string)));
        return Expression.Block([form], Expression.IfThenElse(
            Expression.AndAlso(Expression.NotEqual(stored, Expression.Constant(null, stored.Type)), given), writeGiven, converting));
    }

    private Func<TSource, T> CompileRow<TSource>(Func<ParameterExpression, int, Type, IProperty, Expression> read)
    {
        var constructor = typeof(T).GetConstructor(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic, Type.EmptyTypes)
            ?? throw new NotSupportedException($"{typeof(T).Name} has no parameterless constructor (public or not); bulk readers cannot build it.");
        var source = Expression.Parameter(typeof(TSource), "source");
        var row = Expression.Variable(typeof(T), "row");
        var body = new List<Expression> { Expression.Assign(row, Expression.New(constructor)) };
        for (var i = 0; i < _properties.Count; i++)
        {
            var property = _properties[i];
            if (property.IsShadowProperty())
            {
                throw new NotSupportedException($"{typeof(T).Name}.{property.Name} is a shadow property; bulk readers cannot set it.");
            }

            var target = Expression.MakeMemberAccess(row, property.GetMemberInfo(forMaterialization: true, forSet: true));
            var converter = ConverterOf(property);
            var stored = converter?.ProviderClrType ?? property.ClrType;
            Expression value = read(source, i, Nullable.GetUnderlyingType(stored) ?? stored, property);
            if (converter is not null)
            {
                var lambda = converter.ConvertFromProviderExpression;
                value = Expression.Invoke(lambda, value.Type == lambda.Parameters[0].Type ? value : Expression.Convert(value, lambda.Parameters[0].Type));
            }

            Expression assign = Expression.Assign(target, value.Type == target.Type ? value : Expression.Convert(value, target.Type));
            if (property.IsNullable)
            {
                var isNull = typeof(TSource) == typeof(SqliteBulkStatement)
                    ? Expression.Call(source, nameof(SqliteBulkStatement.IsNull), null, Expression.Constant(i))
                    : Expression.Call(source, nameof(NpgsqlDataReader.IsDBNull), null, Expression.Constant(i));
                assign = Expression.IfThenElse(isNull, Expression.Assign(target, Expression.Default(target.Type)), assign);
            }

            body.Add(assign);
        }

        body.Add(row);
        return Expression.Lambda<Func<TSource, T>>(Expression.Block([row], body), source).Compile();
    }

    /// <summary>A column's stored value as SQLite keeps it (integers, reals, text, GUIDs as text, blobs).</summary>
    private static Expression SqliteRead(ParameterExpression statement, int column, Type type, IProperty property)
    {
        Expression Read(string method) => Expression.Call(statement, method, null, Expression.Constant(column));
        return type == typeof(long) ? Read(nameof(SqliteBulkStatement.ReadInt64))
            : type == typeof(int) || type == typeof(short) || type == typeof(byte) ? Expression.Convert(Read(nameof(SqliteBulkStatement.ReadInt64)), type)
            : type == typeof(bool) ? Expression.NotEqual(Read(nameof(SqliteBulkStatement.ReadInt64)), Expression.Constant(0L))
            : type == typeof(double) ? Read(nameof(SqliteBulkStatement.ReadDouble))
            : type == typeof(float) ? Expression.Convert(Read(nameof(SqliteBulkStatement.ReadDouble)), type)
            : type == typeof(string) ? Read(nameof(SqliteBulkStatement.ReadText))
            : type == typeof(Guid) ? Read(nameof(SqliteBulkStatement.ReadGuid))
            : type == typeof(byte[]) ? Read(nameof(SqliteBulkStatement.ReadBlob))
            : throw Unsupported(property, type, property.GetRelationalTypeMapping().StoreType);
    }

    /// <summary>A column's stored value through Npgsql's typed read (no boxing), NodaTime types included.</summary>
    private static Expression PostgresRead(ParameterExpression reader, int column, Type type, IProperty property) =>
        Expression.Call(reader, nameof(NpgsqlDataReader.GetFieldValue), [type], Expression.Constant(column));

    private Action<SqliteBulkStatement, int, TValue> CompileSqliteValue<TValue>(string propertyName)
    {
        var position = Position(propertyName);
        var property = _properties[position];
        RequireType<TValue>(property);
        var statement = Expression.Parameter(typeof(SqliteBulkStatement), "statement");
        var parameter = Expression.Parameter(typeof(int), "parameter");
        var value = Expression.Parameter(typeof(TValue), "value");
        var converted = Convert(value, ConverterOf(property));
        var bind = SqliteBind(statement, parameter, converted, converted.Type, property, Columns[position]);
        return Expression.Lambda<Action<SqliteBulkStatement, int, TValue>>(bind, statement, parameter, value).Compile();
    }

    private Func<IEnumerable<TValue>, NpgsqlParameter> CompilePostgresArray<TValue>(string propertyName)
    {
        var property = _properties[Position(propertyName)];
        RequireType<TValue>(property);
        var value = Expression.Parameter(typeof(TValue), "value");
        var converted = Convert(value, ConverterOf(property));
        var convert = Expression.Lambda(converted, value).Compile();
        var array = typeof(BulkTable<T>).GetMethod(nameof(ArrayParameter), BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(typeof(TValue), converted.Type);
        return array.CreateDelegate<Func<IEnumerable<TValue>, NpgsqlParameter>>(convert);
    }

    private static NpgsqlParameter<TStored[]> ArrayParameter<TValue, TStored>(Func<TValue, TStored> convert, IEnumerable<TValue> values) =>
        new() { TypedValue = values.Select(convert).ToArray() };

    private static void RequireType<TValue>(IProperty property)
    {
        if (property.ClrType != typeof(TValue))
        {
            throw new ArgumentException($"{typeof(T).Name}.{property.Name} holds {property.ClrType.Name}, not {typeof(TValue).Name}.", nameof(TValue));
        }
    }

    private static ValueConverter? ConverterOf(IProperty property) => property.GetRelationalTypeMapping().Converter ?? property.GetValueConverter();

    private Expression Convert(Expression value, ValueConverter? converter)
    {
        // SQLite's ISO date text is bound straight from the date, without a string per value (SqliteBulkStatement.Bind).
        if (converter is null || (Provider == DatabaseProvider.Sqlite && converter is LocalDateIsoConverter))
        {
            return value;
        }

        var lambda = converter.ConvertToProviderExpression;
        var argument = lambda.Parameters[0].Type == value.Type ? value : Expression.Convert(value, lambda.Parameters[0].Type);
        return Expression.Invoke(lambda, argument);
    }

    private Expression PostgresWrite(ParameterExpression copy, Expression value, Type type, IProperty property, BulkColumn column)
    {
        var store = column.StoreType;
        string? ok = (type, store) switch
        {
            _ when type == typeof(Guid) && store == "uuid" => nameof(PostgresBinaryCopy.Write),
            _ when type == typeof(string) && store == "jsonb" => nameof(PostgresBinaryCopy.WriteJsonb),
            _ when type == typeof(string) && (store == "text" || store.StartsWith("character varying", StringComparison.Ordinal) || store.StartsWith("varchar", StringComparison.Ordinal)) => nameof(PostgresBinaryCopy.Write),
            _ when type == typeof(long) && store == "bigint" => nameof(PostgresBinaryCopy.Write),
            _ when type == typeof(int) && store == "integer" => nameof(PostgresBinaryCopy.Write),
            _ when type == typeof(short) && store == "smallint" => nameof(PostgresBinaryCopy.Write),
            _ when type == typeof(bool) && store == "boolean" => nameof(PostgresBinaryCopy.Write),
            _ when type == typeof(double) && store == "double precision" => nameof(PostgresBinaryCopy.Write),
            _ when type == typeof(Instant) && store == "timestamp with time zone" => nameof(PostgresBinaryCopy.Write),
            _ when type == typeof(LocalDate) && store == "date" => nameof(PostgresBinaryCopy.Write),
            _ => null,
        };
        return ok is null
            ? throw Unsupported(property, type, store)
            : Expression.Call(copy, typeof(PostgresBinaryCopy).GetMethod(ok, [type])!, value);
    }

    private static Expression SqliteBind(ParameterExpression statement, Expression parameter, Expression value, Type type, IProperty property, BulkColumn column)
    {
        var bound = type == typeof(long) || type == typeof(string) || type == typeof(Guid) || type == typeof(LocalDate) || type == typeof(double) || type == typeof(byte[])
            ? value
            : type == typeof(int) || type == typeof(short) || type == typeof(byte) ? Expression.Convert(value, typeof(long))
            : type == typeof(bool) ? Expression.Condition(value, Expression.Constant(1L), Expression.Constant(0L))
            : type == typeof(float) ? Expression.Convert(value, typeof(double))
            : throw Unsupported(property, type, column.StoreType);
        return Expression.Call(statement, typeof(SqliteBulkStatement).GetMethod(nameof(SqliteBulkStatement.Bind), [typeof(int), bound.Type])!, parameter, bound);
    }

    private static NotSupportedException Unsupported(IProperty property, Type type, string store) =>
        new($"{typeof(T).Name}.{property.Name}: bulk writers have no form for {type.Name} stored as {store}; add one to BulkTable.");
}
