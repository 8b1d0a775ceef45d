using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using MealCheckout.Tests.Infrastructure;
using MealCheckout.Web.Security;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace MealCheckout.Tests.Integration.Web;

/// <summary>With a certificate configured, the Data Protection key ring is encrypted on disk and still read back after a restart.</summary>
public sealed class KeyRingTests : IDisposable
{
    private const string Password = "key-ring-test-password";

    private readonly TestDirectory directory = new();

    [Fact]
    public void A_configured_certificate_encrypts_the_key_ring_at_rest_and_a_restart_reads_it()
    {
        var settings = Settings(CertificateFile());
        string protectedText;
        using (var first = new MealCheckoutAppFactory(settings))
        {
            protectedText = first.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Protect("a diner's token");
        }

        var key = File.ReadAllText(Assert.Single(Directory.GetFiles(directory.File("keys"), "key-*.xml")));
        Assert.Contains("encryptedSecret", key, StringComparison.Ordinal);
        Assert.DoesNotContain("<masterKey", key, StringComparison.Ordinal);
        using var restarted = new MealCheckoutAppFactory(settings);
        Assert.Equal("a diner's token", restarted.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Unprotect(protectedText));
    }

    [Fact]
    public void Without_a_certificate_the_key_ring_is_plain_on_disk()
    {
        using (var app = new MealCheckoutAppFactory(new Dictionary<string, string?> { ["DataProtection:KeyFolder"] = directory.File("keys") }))
        {
            app.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Protect("x");
        }

        Assert.Contains("<masterKey", File.ReadAllText(Assert.Single(Directory.GetFiles(directory.File("keys"), "key-*.xml"))), StringComparison.Ordinal);
    }

    [Fact]
    public void A_certificate_that_cannot_be_opened_is_one_plain_start_up_problem()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["DataProtection:CertificatePath"] = CertificateFile(),
            ["DataProtection:CertificatePassword"] = "not-the-password",
        }).Build();

        Assert.Equal(
            "DataProtection:CertificatePath could not be read with DataProtection:CertificatePassword (CryptographicException).",
            KeyRing.CertificateProblem(configuration, directory.Path));
    }

    private Dictionary<string, string?> Settings(string certificate) => new()
    {
        ["DataProtection:KeyFolder"] = directory.File("keys"),
        ["DataProtection:CertificatePath"] = certificate,
        ["DataProtection:CertificatePassword"] = Password,
    };

    /// <summary>A self-signed certificate with its private key, as a password-protected PKCS#12 file.</summary>
    private string CertificateFile()
    {
        var path = directory.File("key-ring.pfx");
        if (!File.Exists(path))
        {
            using var rsa = RSA.Create(2048);
            var request = new CertificateRequest("CN=MealCheckout key ring", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
            File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, Password));
        }
        return path;
    }

    public void Dispose() => directory.Dispose();
}
