namespace Parley.Persistence.Conventions;

/// <summary>
/// One property's stored form for some rows, computed before the rows reach the writer (a field sealed on a parallel
/// stage, with <see cref="BulkTable{T}.StoredText{TValue}"/>): the writer writes it as given instead of running the
/// property's converter on its own thread, which on a single-writer path is the one that limits throughput. A row
/// with no form here is converted as usual.
/// </summary>
public sealed class StoredForms<T>
    where T : class
{
    private readonly Dictionary<T, string?> _forms = new(ReferenceEqualityComparer.Instance);

    public StoredForms(string propertyName)
    {
        ArgumentException.ThrowIfNullOrEmpty(propertyName);
        PropertyName = propertyName;
    }

    public string PropertyName { get; }

    /// <summary>The column's text for this row exactly as the property's converter would have made it (null writes NULL).</summary>
    public void Set(T row, string? storedForm) => _forms[row] = storedForm;

    public bool TryGet(T row, out string? storedForm) => _forms.TryGetValue(row, out storedForm);
}
