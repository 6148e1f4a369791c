namespace Parley.Demo;

/// <summary>The default demo portfolio: what <c>parley demo seed</c> and seeding on first run create.</summary>
public static class DemoDefaults
{
    public const int Seed = 20261;

    public const int People = 500;
}
