/**
 * The local DGFiP's tax data, keyed on FranceConnect's demo identities (mocks/franceconnect).
 * Incomes are chosen around the 2025 and 2024 scales of aide juridictionnelle (one person unless
 * stated): low income, couple with children, on and just above each ceiling, high income, no avis
 * for the latest year, a person attached to someone else's foyer, and a person above the ceilings on
 * her avis who has lost her job since (LAMBERT Sophie, paid by France Travail: mocks/france-travail).
 * Identities are reconciled as mocks/gateway/identity.ts does.
 */
import { findByPivotIdentity, type PivotClaims, type PivotMatch } from "../gateway/identity";

export type Situation = {
  rfr: number;
  nbPart: number;
  sitFam: "M" | "O" | "C" | "D" | "V";
  pac: { nbPac: number; nbPacF?: number; nbPacH?: number };
  aft: string;
  /** Second declarant, for a married or pacsed couple. */
  dec2?: { nmNai: string; prnm: string; dateNais: string };
};

export type TaxPayer = {
  /** Pivot identity the DGFiP reconciles with (upper case, as in its files). */
  match: PivotMatch;
  /** "declarant": has their own avis; "attached": on someone else's (cannot be served via FC). */
  kind: "declarant" | "attached";
  /** Avis by income year (annrev). */
  years: Record<number, Situation>;
};

const single = (rfr: number, aft: string): Situation => ({
  rfr,
  nbPart: 1,
  sitFam: "C",
  pac: { nbPac: 0 },
  aft,
});

export const TAXPAYERS: TaxPayer[] = [
  {
    // Low income, alone: aide totale.
    match: {
      family_name: "DUBOIS",
      given_name: "Angela Claire Louise",
      birthdate: "1962-08-24",
      gender: "female",
    },
    kind: "declarant",
    years: {
      2025: single(9_800, "12 RUE DE GRENELLE 75007 PARIS"),
      2024: single(9_500, "12 RUE DE GRENELLE 75007 PARIS"),
    },
  },
  {
    // Married couple with two children (household of 4): partielle 55 % (2025: 18 954 < 20 000 ≤ 21 295).
    match: {
      family_name: "DUPONT",
      given_name: "Paul Louis",
      birthdate: "1962-08-24",
      gender: "male",
    },
    kind: "declarant",
    years: {
      2025: {
        rfr: 20_000,
        nbPart: 3,
        sitFam: "M",
        pac: { nbPac: 2, nbPacF: 2 },
        aft: "8 AVENUE DE SEGUR 75007 PARIS",
        dec2: { nmNai: "LEROY", prnm: "MARIE", dateNais: "1965-04-12" },
      },
      2024: {
        rfr: 19_500,
        nbPart: 3,
        sitFam: "M",
        pac: { nbPac: 2, nbPacF: 2 },
        aft: "8 AVENUE DE SEGUR 75007 PARIS",
        dec2: { nmNai: "LEROY", prnm: "MARIE", dateNais: "1965-04-12" },
      },
    },
  },
  {
    // Exactly on the aide totale ceiling of 2025 (12 862 €); just above 2024's (12 712 €).
    match: {
      family_name: "MERCIER",
      given_name: "Pierre",
      birthdate: "1969-03-17",
      gender: "male",
    },
    kind: "declarant",
    years: {
      2025: single(12_862, "5 PLACE DU GENERAL DE GAULLE 95300 PONTOISE"),
      2024: single(12_713, "5 PLACE DU GENERAL DE GAULLE 95300 PONTOISE"),
    },
  },
  {
    // Just above the 55 % ceiling of 2025 (15 203 €): partielle 25 %.
    match: {
      family_name: "TROIS-DUPRE",
      given_name: "Melissandre Juliette",
      birthdate: "1981-07-27",
      gender: "female",
    },
    kind: "declarant",
    years: {
      2025: single(15_204, "18 RUE PARADIS 13001 MARSEILLE"),
      2024: single(15_026, "18 RUE PARADIS 13001 MARSEILLE"),
    },
  },
  {
    // High income: not eligible. (2024: on the 25 % ceiling, 19 066 €.)
    match: {
      family_name: "HUCHE",
      given_name: "Anne-Laure",
      birthdate: "1945-09-30",
      gender: "female",
    },
    kind: "declarant",
    years: {
      2025: { ...single(58_000, "3 ALLEE JEAN JAURES 31000 TOULOUSE"), sitFam: "V" },
      2024: { ...single(19_066, "3 ALLEE JEAN JAURES 31000 TOULOUSE"), sitFam: "V" },
    },
  },
  {
    // A minor on her parents' avis: the DGFiP cannot serve her through FranceConnect.
    match: {
      family_name: "CHAMPION",
      given_name: "Alice Juliette",
      birthdate: "2010-11-02",
      gender: "female",
    },
    kind: "attached",
    years: {},
  },
  {
    // No avis for 2025 yet: the latest is 2024.
    match: {
      family_name: "MARTIN",
      given_name: "Vincent Guillaume",
      birthdate: "1963-12-05",
      gender: "male",
    },
    kind: "declarant",
    years: { 2024: single(11_000, "40 RUE DE LA REPUBLIQUE 69002 LYON") },
  },
  {
    // Alone, between the full and the 55 % ceilings in 2025: aide partielle à 55 %.
    match: {
      family_name: "LEROY",
      given_name: "Jeanne Marie",
      birthdate: "1979-04-02",
      gender: "female",
    },
    kind: "declarant",
    years: { 2025: single(14_500, "18 RUE DE TOLBIAC 75013 PARIS") },
  },
  {
    // Low income, alone: aide totale.
    match: { family_name: "BENSAID", given_name: "Omar", birthdate: "1988-10-17", gender: "male" },
    kind: "declarant",
    years: { 2025: single(8_900, "4 RUE DE LA REPUBLIQUE 93100 MONTREUIL") },
  },
  {
    // Alone with her son (household of 2): aide totale; she applies for him (a minor of her foyer).
    match: {
      family_name: "ROUSSEL",
      given_name: "Nadia",
      birthdate: "1984-09-03",
      gender: "female",
    },
    kind: "declarant",
    years: {
      2025: {
        rfr: 13_000,
        nbPart: 2,
        sitFam: "C",
        pac: { nbPac: 1 },
        aft: "7 RUE NATIONALE 59000 LILLE",
      },
    },
  },
  {
    // Above the 25 % ceiling of 2025 (19 290 €) and of 2024 (19 066 €): not eligible on her avis.
    // She has lost her job since: France Travail pays her an allocation (mocks/france-travail), and
    // her last six months' income is what décret 2020-1717 art. 4 retains.
    match: {
      family_name: "LAMBERT",
      given_name: "Sophie",
      birthdate: "1985-05-14",
      gender: "female",
    },
    kind: "declarant",
    years: {
      2025: single(24_000, "12 RUE DES LILAS 69003 LYON"),
      2024: single(23_500, "12 RUE DES LILAS 69003 LYON"),
    },
  },
];

/** Reconciles a pivot identity (from checktoken) with the tax files: exactly one match or none. */
export function findTaxPayer(identity: PivotClaims): TaxPayer | undefined {
  return findByPivotIdentity(TAXPAYERS, identity);
}
