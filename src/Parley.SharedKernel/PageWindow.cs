namespace Parley.SharedKernel;

/// <summary>
/// One page of a list, the same rule for every list endpoint and page: <see cref="Page"/> counts from 1 and
/// <see cref="Size"/> runs from 1 to the list's maximum. The offset is a <c>long</c>, so no page number overflows it,
/// and a page past the end is an empty page, not an error.
/// </summary>
public readonly record struct PageWindow
{
    private PageWindow(int page, int size)
    {
        Page = page;
        Size = size;
    }

    public int Page { get; }

    public int Size { get; }

    /// <summary>How many rows come before this page; up to (2³¹ − 1) × 2³¹, which a long holds.</summary>
    public long Offset => (Page - 1L) * Size;

    /// <summary>For callers inside Parley (pages, jobs): a page below 1 is the first, a size is held within 1–<paramref name="maxPageSize"/>.</summary>
    public static PageWindow Clamp(int page, int pageSize, int maxPageSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPageSize, 1);
        return new(Math.Max(page, 1), Math.Clamp(pageSize, 1, maxPageSize));
    }

    /// <summary>
    /// For a request's query: a <c>page</c> below 1 or a <c>pageSize</c> outside 1–<paramref name="maxPageSize"/> is a
    /// field error naming it (added to <paramref name="errors"/>); values left out take 1 and <paramref name="defaultPageSize"/>.
    /// </summary>
    public static PageWindow Read(int? page, int? pageSize, int defaultPageSize, int maxPageSize, IDictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (page is < 1)
        {
            errors["page"] = ["page must be 1 or more."];
        }

        if (pageSize is { } size && (size < 1 || size > maxPageSize))
        {
            errors["pageSize"] = [$"pageSize must be between 1 and {maxPageSize}."];
        }

        return Clamp(page ?? 1, pageSize ?? defaultPageSize, maxPageSize);
    }

    /// <summary>This page of <paramref name="rows"/> (already in their order); past what an int offset reaches it is empty, as it would be anyway.</summary>
    public IQueryable<T> Of<T>(IQueryable<T> rows) =>
        Offset > int.MaxValue ? rows.Take(0) : rows.Skip((int)Offset).Take(Size);
}

/// <summary>A list endpoint's <c>page</c> or <c>pageSize</c> outside its bounds (<see cref="PageWindow.Read"/>).</summary>
public sealed record PagingInvalid(IReadOnlyDictionary<string, string[]> Errors)
    : DomainError("request.invalid_paging", "page counts from 1, and pageSize runs from 1 to the list's maximum.", ErrorKind.Validation)
{
    public override IReadOnlyDictionary<string, string[]> FieldErrors => Errors;
}
