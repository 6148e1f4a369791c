namespace Parley.Web.Ui;

/// <summary>Only same-site paths are followed after sign-in, so a crafted link cannot send staff elsewhere.</summary>
public static class LocalUrl
{
    public static string OrHome(string? url) =>
        url is { Length: > 0 } && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'))
            ? url
            : "/";
}
