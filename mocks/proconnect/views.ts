/** HTML of the local ProConnect's pages (plain, accessible, in French). */
import { escapeHtml } from "../franceconnect/views";
import { type DemoAgent, displayName } from "./agents";

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} - ProConnect (démonstration locale)</title>
<style>
body{font-family:system-ui,sans-serif;margin:0;color:#161616;background:#f6f6f6}
header{background:#000091;color:#fff;padding:1rem 1.5rem}header p{margin:.25rem 0 0;font-size:.9rem}
main{max-width:44rem;margin:1.5rem auto;background:#fff;padding:1.5rem;border:1px solid #ddd}
h1{font-size:1.5rem;margin-top:0}h2{font-size:1.2rem}
button{font:inherit;padding:.6rem 1rem;margin:.25rem 0;cursor:pointer;border:1px solid #000091}
.primary{background:#000091;color:#fff}.secondary{background:#fff;color:#000091}
ul.agents{list-style:none;padding:0}ul.agents button{width:100%;text-align:left}
ul.agents .description{display:block;color:#3a3a3a;font-size:.9rem}
label{display:block;margin-top:.75rem}input{font:inherit;padding:.4rem;width:100%;box-sizing:border-box}
.hint{color:#3a3a3a;font-size:.9rem;margin:.25rem 0 0}
.error{border-left:4px solid #ce0500;padding-left:1rem}
:focus-visible{outline:3px solid #0a76f6;outline-offset:2px}
</style></head>
<body><header><strong>ProConnect (démonstration locale)</strong><p>Plateforme locale de démonstration : aucune donnée réelle.</p></header>
<main>${body}</main></body></html>`;
}

/** `interactionUrl`: where the interaction lives, e.g. `/api/v2/interaction/<uid>`. */
export function loginPage(
  interactionUrl: string,
  clientName: string,
  agents: readonly DemoAgent[],
  options: { error?: string; email?: string } = {},
): string {
  const action = escapeHtml(interactionUrl);
  const buttons = agents
    .map(
      (agent) => `<li><form method="post" action="${action}/login">
<input type="hidden" name="login" value="${escapeHtml(agent.login)}">
<button type="submit" class="secondary"><strong>${escapeHtml(displayName(agent))}</strong>
<span class="description">${escapeHtml(agent.description)} (niveau ${escapeHtml(agent.acr)})</span></button></form></li>`,
    )
    .join("\n");
  return page(
    "Connexion",
    `<h1>Connexion à ${escapeHtml(clientName)}</h1>
<p>Choisissez un compte d'agent de démonstration :</p>
<ul class="agents">${buttons}</ul>
<h2>Ou saisissez votre adresse électronique professionnelle</h2>
${options.error ? `<p class="error" role="alert">${escapeHtml(options.error)}</p>` : ""}
<form method="post" action="${action}/login">
<label for="email">Adresse électronique professionnelle</label>
<p class="hint" id="email-hint">Format attendu : prenom.nom@justice.example</p>
<input id="email" name="email" type="email" autocomplete="email" required aria-describedby="email-hint"${
      options.email ? ` value="${escapeHtml(options.email)}"` : ""
    }${options.error ? ' aria-invalid="true"' : ""}>
<p><button type="submit" class="primary">Continuer</button></p>
</form>
<form method="post" action="${action}/abort"><button type="submit" class="secondary">Annuler</button></form>`,
  );
}

/** ProConnect shows its own error page, with a code, when it cannot redirect back. */
export function errorPage(code: string, message: string): string {
  return page(
    "Erreur",
    `<h1>Une erreur est survenue</h1>
<p class="error">Code d'erreur : <strong>${escapeHtml(code)}</strong></p>
<p>${escapeHtml(message)}</p>`,
  );
}

/** oidc-provider's confirmation form, submitted at once (ProConnect asks nothing). */
export function logoutPage(form: string): string {
  return page(
    "Déconnexion",
    `<h1>Déconnexion</h1><p>Vous allez être déconnecté(e) de ProConnect.</p>
${form.replace("</form>", '<input type="hidden" name="logout" value="yes"><button type="submit" class="primary">Se déconnecter</button></form>')}
<script>document.forms[0].submit()</script>`,
  );
}

/** After a logout without (valid) `post_logout_redirect_uri`. */
export function logoutSuccessPage(): string {
  return page(
    "Déconnexion",
    `<h1>Vous êtes déconnecté(e)</h1><p>Votre session ProConnect est terminée. Vous pouvez fermer cette page.</p>`,
  );
}
