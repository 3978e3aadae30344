/**
 * FranceConnect's demo identities (the "Démonstration" identity provider of the integration
 * platform; login `test` / password `123` is DUBOIS Angela Claire Louise). Every password is 123.
 * Source: france-connect/identity-provider-example database.csv, see shared reference §2.6.
 */
export type PivotIdentity = {
  given_name: string;
  family_name: string;
  /** Usage name; may be empty. */
  preferred_username: string;
  birthdate: string;
  gender: "male" | "female";
  /** INSEE commune code; empty when born abroad. */
  birthplace: string;
  /** INSEE country code (99100 = France). */
  birthcountry: string;
  email: string;
};

export type DemoIdentity = { login: string; password: string; identity: PivotIdentity };

const identity = (login: string, value: PivotIdentity): DemoIdentity => ({
  login,
  password: "123",
  identity: value,
});

export const DEMO_IDENTITIES: DemoIdentity[] = [
  identity("test", {
    given_name: "Angela Claire Louise",
    family_name: "DUBOIS",
    preferred_username: "",
    birthdate: "1962-08-24",
    gender: "female",
    birthplace: "75107",
    birthcountry: "99100",
    email: "wossewodda-3728@yopmail.com",
  }),
  identity("sans_nom_dusage", {
    given_name: "Paul Louis",
    family_name: "DUPONT",
    preferred_username: "",
    birthdate: "1962-08-24",
    gender: "male",
    birthplace: "75107",
    birthcountry: "99100",
    email: "paul.dupont-demo@yopmail.com",
  }),
  identity("avec_nom_dusage", {
    given_name: "Pierre",
    family_name: "MERCIER",
    preferred_username: "DUBOIS",
    birthdate: "1969-03-17",
    gender: "male",
    birthplace: "95277",
    birthcountry: "99100",
    email: "pierre.mercier-demo@yopmail.com",
  }),
  identity("nom_composé", {
    given_name: "Melissandre Juliette",
    family_name: "TROIS-DUPRE",
    preferred_username: "",
    birthdate: "1981-07-27",
    gender: "female",
    birthplace: "13012",
    birthcountry: "99100",
    email: "melissandre.trois-dupre-demo@yopmail.com",
  }),
  identity("prénom_composé", {
    given_name: "Anne-Laure",
    family_name: "HUCHE",
    preferred_username: "",
    birthdate: "1945-09-30",
    gender: "female",
    birthplace: "31555",
    birthcountry: "99100",
    email: "anne-laure.huche-demo@yopmail.com",
  }),
  identity("moins_18_ans", {
    given_name: "Alice Juliette",
    family_name: "CHAMPION",
    preferred_username: "",
    birthdate: "2010-11-02",
    gender: "female",
    birthplace: "44109",
    birthcountry: "99100",
    email: "alice.champion-demo@yopmail.com",
  }),
  identity("naissance_Algérie", {
    given_name: "Vincent Guillaume",
    family_name: "MARTIN",
    preferred_username: "",
    birthdate: "1963-12-05",
    gender: "male",
    birthplace: "",
    birthcountry: "99352",
    email: "vincent.martin-demo@yopmail.com",
  }),
  // Two more people, whose applications the BAJ's agents instruct in the end-to-end tests.
  identity("demandeuse_bureau", {
    given_name: "Jeanne Marie",
    family_name: "LEROY",
    preferred_username: "",
    birthdate: "1979-04-02",
    gender: "female",
    birthplace: "75113",
    birthcountry: "99100",
    email: "jeanne.leroy-demo@yopmail.com",
  }),
  identity("demandeur_bureau", {
    given_name: "Omar",
    family_name: "BENSAID",
    preferred_username: "",
    birthdate: "1988-10-17",
    gender: "male",
    birthplace: "93066",
    birthcountry: "99100",
    email: "omar.bensaid-demo@yopmail.com",
  }),
  // A mother alone with her son, who applies for him (issue 14: applying for someone else).
  identity("parent_mineur", {
    given_name: "Nadia",
    family_name: "ROUSSEL",
    preferred_username: "",
    birthdate: "1984-09-03",
    gender: "female",
    birthplace: "59350",
    birthcountry: "99100",
    email: "nadia.roussel-demo@yopmail.com",
  }),
  // A person above the ceilings on her tax notice who has lost her job since: France Travail pays
  // her an allocation (mocks/france-travail), the income of her last six months (décret 2020-1717
  // art. 4).
  identity("perte_emploi", {
    given_name: "Sophie",
    family_name: "LAMBERT",
    preferred_username: "",
    birthdate: "1985-05-14",
    gender: "female",
    birthplace: "69123",
    birthcountry: "99100",
    email: "sophie.lambert-demo@yopmail.com",
  }),
];

/**
 * The demo identity of a login; with `generated` > 0, also the generated test accounts `usager-1`
 * to `usager-<generated>` (load tests: as many distinct people as the test needs, each with its own
 * pairwise sub). They are not on the login page (typed as a login) and neither the DGFiP nor France
 * Travail knows any of them.
 */
export function findIdentity(login: string, generated = 0): DemoIdentity | undefined {
  const demo = DEMO_IDENTITIES.find((candidate) => candidate.login === login);
  if (demo) return demo;
  const number = Number(/^usager-([1-9]\d{0,5})$/.exec(login)?.[1]);
  if (!(number >= 1 && number <= generated)) return undefined;
  const day = new Date(Date.UTC(1950, 0, 1) + number * 86_400_000).toISOString().slice(0, 10);
  return identity(login, {
    given_name: "Camille",
    family_name: `USAGER${number}`,
    preferred_username: "",
    birthdate: day,
    gender: number % 2 ? "female" : "male",
    birthplace: "75107",
    birthcountry: "99100",
    email: `usager-${number}@yopmail.com`,
  });
}

/** "DUBOIS Angela Claire Louise" */
export function fullName(identity: PivotIdentity): string {
  return `${identity.family_name} ${identity.given_name}`;
}
