namespace Huying.Platform.Web;

/// <summary>
/// The address residents reach the app at, for links written into feeds, discovery documents and posters. A Host
/// header is anybody's to write, so it is used only where it is vouched for: <c>App:PublicUrl</c> when configured;
/// else the request's own address in Development and Testing, or when <c>AllowedHosts</c> names the hosts (the host
/// filter has then refused any other). Otherwise links are relative.
/// </summary>
public static class PublicUrl
{
    /// <summary>The configured or vouched-for address without a trailing slash, or null (write relative links).</summary>
    public static string? Trusted(HttpContext http)
    {
        var configuration = http.RequestServices.GetRequiredService<IConfiguration>();
        if (configuration["App:PublicUrl"]?.TrimEnd('/') is { Length: > 0 } configured)
        {
            return configured;
        }
        var environment = http.RequestServices.GetRequiredService<IHostEnvironment>();
        var hostsNamed = configuration["AllowedHosts"] is { Length: > 0 } hosts && hosts.Trim() != "*";
        return environment.IsDevelopment() || environment.IsEnvironment("Testing") || hostsNamed
            ? $"{http.Request.Scheme}://{http.Request.Host}"
            : null;
    }

    /// <summary>
    /// An absolute address for what must be absolute (a QR code on a printed poster): the trusted one, else the
    /// request's own — the poster is printed by whoever opened it, from the address they reached.
    /// </summary>
    public static string Absolute(HttpContext http) => Trusted(http) ?? $"{http.Request.Scheme}://{http.Request.Host}";
}
