using System.Security.Cryptography.X509Certificates;
using Huying.Platform.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.AuthenticatedEncryption;
using Microsoft.AspNetCore.DataProtection.AuthenticatedEncryption.ConfigurationModel;

namespace Huying.Platform.Privacy;

/// <summary>
/// The Data Protection key ring that seals health data, and the field key that seals ID numbers and phones
/// (<see cref="FieldSeal"/>). It lives in the database (so that every instance shares it), and with
/// <c>DataProtection:CertificatePath</c> (a .pfx, <c>DataProtection:CertificatePassword</c>) each key is stored
/// encrypted to that certificate: a copy of the database alone — a dump, a backup, a stolen disk — then opens nothing.
/// Keys written under an earlier certificate stay readable while its file is listed in
/// <c>DataProtection:PreviousCertificatePaths</c> (comma-separated, same password).
/// </summary>
public static class KeyRing
{
    public static IServiceCollection AddHuyingKeyRing(this IServiceCollection services, IConfiguration configuration)
    {
        // New keys seal with AES-256-GCM (about half the CPU of the default CBC + HMAC on Linux, on every phone sealed
        // and every bearer token read); keys made before keep the algorithm they were made with and still open.
        var ring = services.AddDataProtection().SetApplicationName("Huying").PersistKeysToDbContext<HuyingDbContext>()
            .UseCryptographicAlgorithms(new AuthenticatedEncryptorConfiguration
            {
                EncryptionAlgorithm = EncryptionAlgorithm.AES_256_GCM,
                ValidationAlgorithm = ValidationAlgorithm.HMACSHA256,
            });
        if (Certificate(configuration["DataProtection:CertificatePath"], configuration) is { } certificate)
        {
            var previous = (configuration["DataProtection:PreviousCertificatePaths"] ?? "")
                .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(p => Certificate(p, configuration)!);
            ring.ProtectKeysWithCertificate(certificate).UnprotectKeysWithAnyCertificate([certificate, .. previous]);
        }
        return services;
    }

    /// <summary>Whether the key ring is stored encrypted (a certificate is configured).</summary>
    public static bool IsProtected(IConfiguration configuration) => configuration["DataProtection:CertificatePath"] is { Length: > 0 };

    /// <summary>Outside development, says once at start that the keys are stored in clear beside the data they seal.</summary>
    public static void WarnIfInClear(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment() && !IsProtected(app.Configuration))
        {
            app.Logger.LogWarning("The Data Protection key ring is stored unencrypted in the database: a copy of the database opens the personal and "
                + "health data it seals. Set DataProtection:CertificatePath (and DataProtection:CertificatePassword) to a .pfx kept apart from it.");
        }
    }

    private static X509Certificate2? Certificate(string? path, IConfiguration configuration) =>
        string.IsNullOrWhiteSpace(path) ? null
        : File.Exists(path) ? X509CertificateLoader.LoadPkcs12FromFile(path, configuration["DataProtection:CertificatePassword"])
        : throw new InvalidOperationException($"DataProtection: the certificate file {path} does not exist");
}
