namespace MealCheckout.Web.Security;

/// <summary>
/// The one check every redirect of this app goes through. A return address is accepted only as a
/// path on this site: it starts with a single '/', names no scheme or host, and holds no
/// backslash, control, white-space or non-ASCII character, nor a percent-encoded form of them
/// (browsers strip tabs and newlines and read '\' as '/', so "/\t/evil.example" leaves the site).
/// </summary>
public static class ReturnUrls
{
    /// <summary>The address itself when it is a safe local path, otherwise <paramref name="fallback"/>.</summary>
    public static string LocalOr(string? candidate, string fallback) => IsSafeLocalPath(candidate) ? candidate! : fallback;

    /// <summary>A safe local path under <paramref name="prefix"/>, otherwise <paramref name="fallback"/>.</summary>
    public static string LocalUnderOr(string? candidate, string prefix, string fallback) =>
        IsSafeLocalPath(candidate) && candidate!.StartsWith(prefix, StringComparison.Ordinal) ? candidate : fallback;

    public static bool IsSafeLocalPath(string? candidate)
    {
        if (string.IsNullOrEmpty(candidate) || candidate.Length > MaxLength || candidate[0] != '/')
        {
            return false;
        }
        if (candidate.Length > 1 && (candidate[1] == '/' || candidate[1] == '\\'))
        {
            return false;
        }
        foreach (var c in candidate)
        {
            if (!IsAllowed(c))
            {
                return false;
            }
        }
        if (!HasWellFormedEscapes(candidate))
        {
            return false;
        }
        // Decode once and look again: an encoded slash, backslash or control character may be
        // decoded by a proxy or the browser before the path is read.
        var decoded = Uri.UnescapeDataString(candidate);
        if (decoded.Length > 1 && (decoded[1] == '/' || decoded[1] == '\\'))
        {
            return false;
        }
        foreach (var c in decoded)
        {
            if (!IsAllowed(c))
            {
                return false;
            }
        }
        return IsPlainPath(decoded);
    }

    private const int MaxLength = 2048;

    // Visible ASCII only, no backslash: no tab, newline, space, DEL, or any Unicode space.
    private static bool IsAllowed(char c) => c is > ' ' and < (char)0x7F and not '\\';

    private static bool HasWellFormedEscapes(string candidate)
    {
        for (var i = candidate.IndexOf('%', StringComparison.Ordinal); i >= 0; i = candidate.IndexOf('%', i + 1))
        {
            if (i + 2 >= candidate.Length || !Uri.IsHexDigit(candidate[i + 1]) || !Uri.IsHexDigit(candidate[i + 2]))
            {
                return false;
            }
        }
        return true;
    }

    // A colon or double slash is harmless after '?' (a query value), never in the path part.
    private static bool IsPlainPath(string decoded)
    {
        var query = decoded.IndexOf('?', StringComparison.Ordinal);
        var path = query < 0 ? decoded : decoded[..query];
        return !path.Contains(':', StringComparison.Ordinal) && !path.Contains("//", StringComparison.Ordinal);
    }
}
