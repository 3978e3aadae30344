/** Names and paths used across the site shell (header, footer, site map). */
export const SERVICE_NAME = "Aide juridictionnelle";
export const MINISTRY = "Ministère de la Justice";

export const PAGES = {
  home: { path: "/", title: "Accueil" },
  simulator: { path: "/simulateur", title: "Simulateur" },
  legalNotice: { path: "/mentions-legales", title: "Mentions légales" },
  personalData: { path: "/donnees-personnelles", title: "Données personnelles" },
  accessibility: { path: "/accessibilite", title: "Accessibilité : totalement conforme" },
  siteMap: { path: "/plan-du-site", title: "Plan du site" },
  help: { path: "/aide", title: "Aide et contact" },
} as const;

/** The document title of a page: "<page> - Aide juridictionnelle". */
export function pageTitle(page: string): string {
  return `${page} - ${SERVICE_NAME}`;
}
