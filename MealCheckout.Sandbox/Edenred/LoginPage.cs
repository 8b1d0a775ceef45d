using System.Net;

namespace MealCheckout.Sandbox.Edenred;

/// <summary>The sandbox's stand-in for Edenred's login page: small, labelled, usable on a phone.</summary>
internal static class LoginPage
{
    private static readonly string[] Carried = ["client_id", "redirect_uri", "response_type", "response_mode", "scope", "state", "nonce", "code_challenge", "code_challenge_method"];

    public static string Render(IReadOnlyDictionary<string, string> request, string? error)
    {
        var hidden = string.Concat(Carried.Where(request.ContainsKey).Select(k =>
            $"<input type=\"hidden\" name=\"{k}\" value=\"{WebUtility.HtmlEncode(request[k])}\">"));
        var alert = error is null ? "" : $"<p role=\"alert\" class=\"error\">{WebUtility.HtmlEncode(error)}</p>";
        return Page("Edenred — Connexion", $"""
            <h1>Connexion Edenred</h1>
            <p class="note">Sandbox MealCheckout : aucun vrai compte n'est utilisé.</p>
            {alert}
            <form method="post" action="/sandbox/edenred-sso/connect/authorize">
              {hidden}
              <label for="email">Adresse e-mail</label>
              <input id="email" name="email" type="email" autocomplete="username" required>
              <label for="password">Mot de passe</label>
              <input id="password" name="password" type="password" autocomplete="current-password" required>
              <button type="submit">Se connecter</button>
            </form>
            """);
    }

    public static string Error(string message) =>
        Page("Edenred — Erreur", $"<h1>Requête refusée</h1><p role=\"alert\" class=\"error\">{WebUtility.HtmlEncode(message)}</p>");

    private static string Page(string title, string body) => $$"""
        <!DOCTYPE html>
        <html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{title}}</title>
        <style>
          body { font-family: system-ui, sans-serif; margin: 0; background: #f4f4f7; color: #1f1f1f; }
          main { max-width: 420px; margin: 2rem auto; background: #fff; padding: 1.5rem; border-radius: 12px; }
          h1 { color: #c8102e; font-size: 1.4rem; }
          label { display: block; font-weight: 600; margin-top: 1rem; }
          input { width: 100%; box-sizing: border-box; min-height: 44px; font-size: 1rem; padding: .5rem; margin-top: .25rem; border: 1px solid #767676; border-radius: 8px; }
          button { margin-top: 1.5rem; width: 100%; min-height: 48px; border: 0; border-radius: 999px; background: #a50d26; color: #fff; font-size: 1rem; font-weight: 700; }
          .error { color: #a50d26; font-weight: 600; }
          .note { color: #545454; font-size: .9rem; }
        </style></head>
        <body><main>{{body}}</main></body></html>
        """;
}
