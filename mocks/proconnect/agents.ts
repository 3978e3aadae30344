/**
 * ProConnect's demo agents: public servants of the justice ministry working in (or around) the legal
 * aid offices (BAJ), plus a few edge cases for the application's access rules. Every value is demo
 * data: the SIRETs, subs, uids and phone numbers are fictional (phone numbers are in the 01 99 00
 * range ARCEP reserves for fiction).
 */
import type { AcrValue } from "./scopes";

export type DemoAgent = {
  /** Stable key of the account in this mock (the login page's buttons post it). */
  login: string;
  /** ProConnect's subject: stable, the same for every client (`subject_type` public). */
  sub: string;
  /** First names, space separated. */
  given_name: string;
  usual_name: string;
  email: string;
  /** The agent's identifier at their identity provider. */
  uid: string;
  /** The agent's establishment (14 digits). */
  siret: string;
  /** The identity provider the agent authenticated with. */
  idp_id: string;
  organizational_unit: string;
  organization_label: string;
  phone_number: string;
  roles: string[];
  /** The eIDAS level of this account's authentications (returned whatever the client asked). */
  acr: AcrValue;
  amr: string[];
  /** Role and organisation, shown on the login page. */
  description: string;
};

const JUSTICE = {
  siret: "11000001300018",
  idp_id: "ministere-justice-demo",
  organization_label: "Ministère de la Justice (démonstration)",
  roles: ["agent_public", "agent_public_etat"],
  acr: "eidas1",
  amr: ["pwd"],
} as const;

const BAJ_PARIS = "Bureau d'aide juridictionnelle de Paris";
const BAJ_LYON = "Bureau d'aide juridictionnelle de Lyon";

type AgentFields = Omit<DemoAgent, keyof typeof JUSTICE | "email" | "roles" | "amr"> &
  Partial<Pick<DemoAgent, "siret" | "idp_id" | "organization_label" | "acr" | "amr">>;

/** A justice agent; the e-mail follows the login (`login@justice.example`). */
const justiceAgent = (fields: AgentFields): DemoAgent => ({
  ...JUSTICE,
  roles: [...JUSTICE.roles],
  amr: [...JUSTICE.amr],
  email: `${fields.login}@justice.example`,
  ...fields,
});

export const DEMO_AGENTS: readonly DemoAgent[] = [
  justiceAgent({
    login: "camille.martin",
    sub: "5f0c2a1e-7b3d-4c6a-9e21-0a1b2c3d4e01",
    given_name: "Camille",
    usual_name: "Martin",
    uid: "justice-demo-0001",
    organizational_unit: BAJ_PARIS,
    phone_number: "01 99 00 00 01",
    acr: "eidas2",
    amr: ["pwd", "totp", "mfa"],
    description: "Présidente du BAJ de Paris",
  }),
  justiceAgent({
    login: "hugo.roux",
    sub: "5f0c2a1e-7b3d-4c6a-9e21-0a1b2c3d4e02",
    given_name: "Hugo",
    usual_name: "Roux",
    uid: "justice-demo-0002",
    organizational_unit: BAJ_PARIS,
    phone_number: "01 99 00 00 02",
    description: "Vice-président du BAJ de Paris (directeur de greffe)",
  }),
  justiceAgent({
    login: "karim.benali",
    sub: "5f0c2a1e-7b3d-4c6a-9e21-0a1b2c3d4e03",
    given_name: "Karim",
    usual_name: "Benali",
    uid: "justice-demo-0003",
    organizational_unit: BAJ_PARIS,
    phone_number: "01 99 00 00 03",
    description: "Instructeur, BAJ de Paris",
  }),
  justiceAgent({
    login: "julie.petit",
    sub: "5f0c2a1e-7b3d-4c6a-9e21-0a1b2c3d4e04",
    given_name: "Julie",
    usual_name: "Petit",
    uid: "justice-demo-0004",
    organizational_unit: BAJ_PARIS,
    phone_number: "01 99 00 00 04",
    description: "Instructrice, BAJ de Paris",
  }),
  justiceAgent({
    login: "ines.fontaine",
    sub: "5f0c2a1e-7b3d-4c6a-9e21-0a1b2c3d4e05",
    given_name: "Inès",
    usual_name: "Fontaine",
    uid: "justice-demo-0005",
    organizational_unit: BAJ_LYON,
    phone_number: "01 99 00 00 05",
    description: "Présidente du BAJ de Lyon",
  }),
  justiceAgent({
    login: "lucas.moreau",
    sub: "5f0c2a1e-7b3d-4c6a-9e21-0a1b2c3d4e06",
    given_name: "Lucas",
    usual_name: "Moreau",
    uid: "justice-demo-0006",
    organizational_unit: BAJ_LYON,
    phone_number: "01 99 00 00 06",
    description: "Instructeur, BAJ de Lyon et de Villefranche-sur-Saône",
  }),
  justiceAgent({
    login: "sophie.girard",
    sub: "5f0c2a1e-7b3d-4c6a-9e21-0a1b2c3d4e07",
    given_name: "Sophie",
    usual_name: "Girard",
    uid: "justice-demo-0007",
    organizational_unit: "Bureau d'aide juridictionnelle de Bobigny",
    phone_number: "01 99 00 00 07",
    description: "Instructrice, BAJ de Bobigny",
  }),
  justiceAgent({
    login: "marc.dupuis",
    sub: "5f0c2a1e-7b3d-4c6a-9e21-0a1b2c3d4e08",
    given_name: "Marc",
    usual_name: "Dupuis",
    uid: "justice-demo-0008",
    organizational_unit: "Sous-direction de la statistique et des études",
    phone_number: "01 99 00 00 08",
    description: "Lecteur national (service statistique du ministère)",
  }),
  justiceAgent({
    login: "eric.ancien",
    sub: "5f0c2a1e-7b3d-4c6a-9e21-0a1b2c3d4e09",
    given_name: "Éric",
    usual_name: "Ancien",
    uid: "justice-demo-0009",
    organizational_unit: BAJ_PARIS,
    phone_number: "01 99 00 00 09",
    description: "Ancien instructeur du BAJ de Paris (compte désactivé dans l'application)",
  }),
  {
    login: "paul.durand",
    sub: "5f0c2a1e-7b3d-4c6a-9e21-0a1b2c3d4e10",
    given_name: "Paul",
    usual_name: "Durand",
    email: "paul.durand@interieur.example",
    uid: "interieur-demo-0010",
    siret: "11000002400015",
    idp_id: "ministere-interieur-demo",
    organizational_unit: "Direction des ressources humaines",
    organization_label: "Ministère de l'Intérieur (démonstration)",
    phone_number: "01 99 00 00 10",
    roles: ["agent_public", "agent_public_etat"],
    acr: "eidas1",
    amr: ["pwd"],
    description: "Agent d'une autre administration (aucun compte dans l'application)",
  },
  justiceAgent({
    login: "lea.faible",
    sub: "5f0c2a1e-7b3d-4c6a-9e21-0a1b2c3d4e11",
    given_name: "Léa",
    usual_name: "Faible",
    uid: "justice-demo-0011",
    organizational_unit: BAJ_PARIS,
    phone_number: "01 99 00 00 11",
    acr: "eidas0",
    description:
      "Instructrice du BAJ de Paris connectée avec un niveau eidas0 (refusé par l'application)",
  }),
];

export function findAgent(login: string): DemoAgent | undefined {
  return DEMO_AGENTS.find((agent) => agent.login === login);
}

export function findAgentBySub(sub: string): DemoAgent | undefined {
  return DEMO_AGENTS.find((agent) => agent.sub === sub);
}

/** The account of an e-mail address, as typed on the login page (case and spaces ignored). */
export function findAgentByEmail(email: string): DemoAgent | undefined {
  const wanted = email.trim().toLowerCase();
  return DEMO_AGENTS.find((agent) => agent.email === wanted);
}

/** "Camille Martin" */
export function displayName(agent: DemoAgent): string {
  return `${agent.given_name} ${agent.usual_name}`;
}
