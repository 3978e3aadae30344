/** HTML of the local FranceConnect's pages (plain, accessible, in French). */
import type { DemoIdentity } from "./identities";
import { fullName } from "./identities";

export function escapeHtml(value: string): string {
  return value.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] as string,
  );
}

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} - FranceConnect (démonstration locale)</title>
<style>
body{font-family:system-ui,sans-serif;margin:0;color:#161616;background:#f6f6f6}
header{background:#000091;color:#fff;padding:1rem 1.5rem}header p{margin:.25rem 0 0;font-size:.9rem}
main{max-width:40rem;margin:1.5rem auto;background:#fff;padding:1.5rem;border:1px solid #ddd}
h1{font-size:1.5rem;margin-top:0}button{font:inherit;padding:.6rem 1rem;margin:.25rem 0;cursor:pointer;border:1px solid #000091}
.primary{background:#000091;color:#fff}.secondary{background:#fff;color:#000091}
ul.identities{list-style:none;padding:0}ul.identities button{width:100%;text-align:left}
label{display:block;margin-top:.75rem}input{font:inherit;padding:.4rem;width:100%;box-sizing:border-box}
.error{border-left:4px solid #ce0500;padding-left:1rem}
:focus-visible{outline:3px solid #0a76f6;outline-offset:2px}
</style></head>
<body><header><strong>FranceConnect</strong><p>Plateforme locale de démonstration : aucune donnée réelle.</p></header>
<main>${body}</main></body></html>`;
}

export function loginPage(
  uid: string,
  clientName: string,
  identities: DemoIdentity[],
  error?: string,
): string {
  const buttons = identities
    .map(
      (demo) => `<li><form method="post" action="/api/v2/interaction/${uid}/login">
<input type="hidden" name="login" value="${escapeHtml(demo.login)}">
<button type="submit" class="secondary">${escapeHtml(fullName(demo.identity))}</button></form></li>`,
    )
    .join("\n");
  return page(
    "Connexion",
    `<h1>Connexion à ${escapeHtml(clientName)}</h1>
<p>Fournisseur d'identité « Démonstration ». Choisissez une identité de test :</p>
<ul class="identities">${buttons}</ul>
<h2>Ou identifiez-vous</h2>
${error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ""}
<form method="post" action="/api/v2/interaction/${uid}/login">
<label for="login">Identifiant</label><input id="login" name="login" autocomplete="username" required>
<label for="password">Mot de passe</label><input id="password" name="password" type="password" autocomplete="current-password" required>
<p><button type="submit" class="primary">Se connecter</button></p>
</form>
<form method="post" action="/api/v2/interaction/${uid}/abort"><button type="submit" class="secondary">Annuler</button></form>`,
  );
}

export function consentPage(uid: string, clientName: string, who: string, data: string[]): string {
  return page(
    "Consentement",
    `<h1>Transmission de vos données</h1>
<p>Vous êtes connecté(e) en tant que <strong>${escapeHtml(who)}</strong>.</p>
<p>En continuant, vous acceptez que FranceConnect transmette à <strong>${escapeHtml(clientName)}</strong> :</p>
<ul>${data.map((label) => `<li>${escapeHtml(label)}</li>`).join("")}</ul>
<form method="post" action="/api/v2/interaction/${uid}/confirm"><button type="submit" class="primary">Continuer sur ${escapeHtml(clientName)}</button></form>
<form method="post" action="/api/v2/interaction/${uid}/abort"><button type="submit" class="secondary">Annuler</button></form>`,
  );
}

/** FranceConnect shows its own error page, with a code, when it cannot redirect back. */
export function errorPage(code: string, message: string): string {
  return page(
    "Erreur",
    `<h1>Une erreur est survenue</h1>
<p class="error">Code d'erreur : <strong>${escapeHtml(code)}</strong></p>
<p>${escapeHtml(message)}</p>`,
  );
}

export function logoutPage(form: string): string {
  return page(
    "Déconnexion",
    `<h1>Déconnexion</h1><p>Vous allez être déconnecté(e) de FranceConnect.</p>
${form.replace("</form>", '<input type="hidden" name="logout" value="yes"><button type="submit" class="primary">Se déconnecter</button></form>')}
<script>document.forms[0].submit()</script>`,
  );
}
