using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using MealCheckout.Core.Persistence;
using Microsoft.AspNetCore.DataProtection;

namespace MealCheckout.Web.Security;

/// <summary>
/// The Data Protection key ring: it encrypts the diners' Edenred tokens, the tab storage and the
/// staff cookies, so it is kept on disk (a restart can still read them), in the database on PostgreSQL
/// (every instance reads the same keys) and, when a certificate is
/// configured, encrypted at rest with it. Section "DataProtection": KeyFolder, and either
/// CertificatePath (a PKCS#12 file) with CertificatePassword, or CertificateThumbprint (a
/// certificate with its private key in the current user's or the machine's "My" store).
/// </summary>
public static class KeyRing
{
    public const string SectionName = "DataProtection";

    public static IServiceCollection AddMealCheckoutKeyRing(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        var keys = services.AddDataProtection().SetApplicationName("MealCheckout");
        if (PersistenceServiceCollectionExtensions.Provider(configuration) == DatabaseProvider.PostgreSql)
        {
            // Several instances share one database: they must share the key ring too.
            services.AddDbContext<KeyRingDbContext>(options => options.UseMealCheckoutDatabase(configuration, contentRoot));
            keys.PersistKeysToDbContext<KeyRingDbContext>();
        }
        else
        {
            keys.PersistKeysToFileSystem(new DirectoryInfo(KeyFolder(configuration, contentRoot)));
        }
        if (LoadCertificate(configuration, contentRoot) is { } certificate)
        {
            keys.ProtectKeysWithCertificate(certificate);
        }
        return services;
    }

    /// <summary>Where the key ring lives on SQLite: "DataProtection:KeyFolder", or a "keys" folder beside the database (the app's data folder).</summary>
    public static string KeyFolder(IConfiguration configuration, string contentRoot)
    {
        var configured = configuration[$"{SectionName}:KeyFolder"];
        if (!string.IsNullOrEmpty(configured))
        {
            return Path.IsPathRooted(configured) ? configured : Path.Combine(contentRoot, configured);
        }
        if (PersistenceServiceCollectionExtensions.Provider(configuration) != DatabaseProvider.Sqlite)
        {
            return Path.Combine(contentRoot, "App_Data", "keys");
        }
        var database = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(
            configuration.GetConnectionString(PersistenceServiceCollectionExtensions.ConnectionStringName)
            ?? PersistenceServiceCollectionExtensions.DefaultConnectionString).DataSource;
        var folder = Path.GetDirectoryName(Path.IsPathRooted(database) ? database : Path.Combine(contentRoot, database));
        return Path.Combine(string.IsNullOrEmpty(folder) ? contentRoot : folder, "keys");
    }

    /// <summary>What is wrong with the configured certificate, or null when it loads (or none is configured).</summary>
    public static string? CertificateProblem(IConfiguration configuration, string contentRoot)
    {
        try
        {
            LoadCertificate(configuration, contentRoot);
            return null;
        }
        catch (KeyRingCertificateException ex)
        {
            return ex.Message;
        }
    }

    private static X509Certificate2? LoadCertificate(IConfiguration configuration, string contentRoot)
    {
        var section = configuration.GetSection(SectionName);
        var path = section["CertificatePath"];
        var thumbprint = section["CertificateThumbprint"];
        var certificate = !string.IsNullOrEmpty(path) ? FromFile(Path.IsPathRooted(path) ? path : Path.Combine(contentRoot, path), section["CertificatePassword"])
            : !string.IsNullOrEmpty(thumbprint) ? FromStore(thumbprint)
            : null;
        if (certificate is { HasPrivateKey: false })
        {
            throw new KeyRingCertificateException("The DataProtection certificate has no private key: the key ring could be encrypted but never read back.");
        }
        return certificate;
    }

    private static X509Certificate2 FromFile(string path, string? password)
    {
        try
        {
            return X509CertificateLoader.LoadPkcs12FromFile(path, password);
        }
        catch (Exception ex) when (ex is CryptographicException or IOException or UnauthorizedAccessException)
        {
            throw new KeyRingCertificateException($"DataProtection:CertificatePath could not be read with DataProtection:CertificatePassword ({ex.GetType().Name}).");
        }
    }

    private static X509Certificate2 FromStore(string thumbprint)
    {
        foreach (var location in new[] { StoreLocation.CurrentUser, StoreLocation.LocalMachine })
        {
            using var store = new X509Store(StoreName.My, location);
            store.Open(OpenFlags.ReadOnly | OpenFlags.OpenExistingOnly);
            var found = store.Certificates.Find(X509FindType.FindByThumbprint, thumbprint, validOnly: false);
            if (found.Count > 0)
            {
                return found[0];
            }
        }
        throw new KeyRingCertificateException("DataProtection:CertificateThumbprint names no certificate in the \"My\" store.");
    }

    private sealed class KeyRingCertificateException(string message) : Exception(message);
}
