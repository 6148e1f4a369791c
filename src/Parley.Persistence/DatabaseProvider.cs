namespace Parley.Persistence;

/// <summary>The two supported stores: SQLite embedded by default, PostgreSQL for production and several nodes.</summary>
public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}
