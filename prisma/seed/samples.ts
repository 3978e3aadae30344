/**
 * Sample agents and applications for the demo: one application in every status, at courts of
 * several cours d'appel. The citizens are fictional (they are not FranceConnect's demo identities,
 * so that logging in as one of those starts from a clean slate).
 */
import type { AgentRole } from "~/domain/agent/permissions";
import type { ApplicationStatus } from "~/domain/application/status";

export type AgentSeed = {
  email: string;
  givenName: string;
  usualName: string;
  role: AgentRole;
  /** The courts whose BAJ the agent serves (none for the national reader). */
  courtCodes: string[];
  active?: boolean;
};

export const COURT_CODES = {
  paris: "75056",
  bobigny: "93008",
  lyon: "69123",
  villefranche: "69264",
  marseille: "13055",
  lille: "59350",
} as const;

/**
 * The agents provisioned in the app. Most are test accounts of the local ProConnect
 * (mocks/proconnect/agents.ts) with the same e-mail: their first login binds them.
 */
export const AGENTS: AgentSeed[] = [
  agent("camille.martin", "Camille", "Martin", "PRESIDENT", [COURT_CODES.paris]),
  agent("hugo.roux", "Hugo", "Roux", "VICE_PRESIDENT", [COURT_CODES.paris]),
  agent("karim.benali", "Karim", "Benali", "INSTRUCTEUR", [COURT_CODES.paris]),
  agent("julie.petit", "Julie", "Petit", "INSTRUCTEUR", [COURT_CODES.paris]),
  { ...agent("eric.ancien", "Éric", "Ancien", "INSTRUCTEUR", [COURT_CODES.paris]), active: false },
  agent("lea.faible", "Léa", "Faible", "INSTRUCTEUR", [COURT_CODES.paris]),
  agent("ines.fontaine", "Inès", "Fontaine", "PRESIDENT", [COURT_CODES.lyon]),
  agent("lucas.moreau", "Lucas", "Moreau", "INSTRUCTEUR", [
    COURT_CODES.lyon,
    COURT_CODES.villefranche,
  ]),
  agent("sophie.girard", "Sophie", "Girard", "INSTRUCTEUR", [COURT_CODES.bobigny]),
  agent("nadia.haddad", "Nadia", "Haddad", "PRESIDENT", [COURT_CODES.marseille]),
  agent("thomas.lefebvre", "Thomas", "Lefebvre", "PRESIDENT", [COURT_CODES.lille]),
  agent("marc.dupuis", "Marc", "Dupuis", "NATIONAL_READER", []),
];

function agent(
  login: string,
  givenName: string,
  usualName: string,
  role: AgentRole,
  courtCodes: string[],
): AgentSeed {
  return { email: `${login}@justice.example`, givenName, usualName, role, courtCodes };
}

export type CitizenSeed = {
  givenName: string;
  familyName: string;
  birthdate: string;
  gender: "female" | "male";
  birthplace: string;
  birthcountry: string;
  email: string;
};

/** The DGFiP answer as API Impôt particulier sends it (subset of fields). */
export type TaxPayloadSeed = {
  rfr: number;
  nbPart: number;
  sitFam: "M" | "O" | "C" | "D" | "V";
  pac: { nbPac: number };
  aft: string;
};

export type ApplicationSeed = {
  reference: string | null;
  status: ApplicationStatus;
  citizen: CitizenSeed;
  courtCode: string;
  tax: TaxPayloadSeed;
  procedure: {
    caseKind: "CIVIL" | "PENAL";
    caseSubkind: string;
    applicantRole: string;
    procedureStage: string;
    adverseParty: string;
    description: string;
    lawyerName?: string;
    lawyerBar?: string;
    lawyerDesignationRequested: boolean;
    urgent?: boolean;
  };
  declaredMovableAssets: number;
  declaredRealEstateAssets: number;
  /** The agent who took it; the président or vice-président who signed, for a decision. */
  agentEmail?: string;
  decision?: { agentEmail: string; reason: string };
  messages?: { from: "AGENT" | "CITIZEN"; agentEmail?: string; body: string }[];
  /** First event of the application; the next ones follow by days. */
  startedAt: string;
};

export const APPLICATIONS: ApplicationSeed[] = [
  {
    reference: null,
    status: "DRAFT",
    citizen: {
      givenName: "Inès",
      familyName: "Bernard",
      birthdate: "1994-03-12",
      gender: "female",
      birthplace: "75115",
      birthcountry: "99100",
      email: "ines.bernard@courriel.example",
    },
    courtCode: COURT_CODES.paris,
    tax: {
      rfr: 9800,
      nbPart: 1,
      sitFam: "C",
      pac: { nbPac: 0 },
      aft: "12 RUE DES LILAS 75020 PARIS",
    },
    procedure: {
      caseKind: "CIVIL",
      caseSubkind: "Logement",
      applicantRole: "Défendeur",
      procedureStage: "Avant toute procédure",
      adverseParty: "SCI Les Tilleuls",
      description: "Mon propriétaire me réclame des loyers que j'ai payés.",
      lawyerDesignationRequested: true,
    },
    declaredMovableAssets: 800,
    declaredRealEstateAssets: 0,
    startedAt: "2026-11-20T09:30:00.000Z",
  },
  {
    reference: "AJ-2026-000001",
    status: "SUBMITTED",
    citizen: {
      givenName: "Paul",
      familyName: "Petit",
      birthdate: "1981-07-02",
      gender: "male",
      birthplace: "93066",
      birthcountry: "99100",
      email: "paul.petit@courriel.example",
    },
    courtCode: COURT_CODES.paris,
    tax: {
      rfr: 16400,
      nbPart: 2.5,
      sitFam: "D",
      pac: { nbPac: 2 },
      aft: "4 AVENUE JEAN JAURES 75019 PARIS",
    },
    procedure: {
      caseKind: "CIVIL",
      caseSubkind: "Famille : résidence des enfants",
      applicantRole: "Demandeur",
      procedureStage: "Juge déjà saisi",
      adverseParty: "Mme Claire Petit",
      description: "Demande de modification de la résidence des enfants.",
      lawyerName: "Me Anne Roux",
      lawyerBar: "Paris",
      lawyerDesignationRequested: false,
    },
    declaredMovableAssets: 3000,
    declaredRealEstateAssets: 0,
    startedAt: "2026-11-18T14:00:00.000Z",
  },
  {
    reference: "AJ-2026-000002",
    status: "IN_REVIEW",
    citizen: {
      givenName: "Fatou",
      familyName: "Diallo",
      birthdate: "1990-11-23",
      gender: "female",
      birthplace: "",
      birthcountry: "99341",
      email: "fatou.diallo@courriel.example",
    },
    courtCode: COURT_CODES.bobigny,
    tax: {
      rfr: 11200,
      nbPart: 1,
      sitFam: "C",
      pac: { nbPac: 0 },
      aft: "8 RUE DE LA REPUBLIQUE 93200 SAINT DENIS",
    },
    procedure: {
      caseKind: "PENAL",
      caseSubkind: "Violences",
      applicantRole: "Partie civile",
      procedureStage: "Juge déjà saisi",
      adverseParty: "M. X",
      description: "Constitution de partie civile après des violences.",
      lawyerDesignationRequested: true,
      urgent: true,
    },
    declaredMovableAssets: 1500,
    declaredRealEstateAssets: 0,
    startedAt: "2026-11-10T10:15:00.000Z",
  },
  {
    reference: "AJ-2026-000003",
    status: "INFORMATION_REQUESTED",
    citizen: {
      givenName: "Julien",
      familyName: "Robert",
      birthdate: "1976-01-30",
      gender: "male",
      birthplace: "69381",
      birthcountry: "99100",
      email: "julien.robert@courriel.example",
    },
    courtCode: COURT_CODES.lyon,
    tax: {
      rfr: 14100,
      nbPart: 1,
      sitFam: "C",
      pac: { nbPac: 0 },
      aft: "27 QUAI SAINT VINCENT 69001 LYON",
    },
    procedure: {
      caseKind: "CIVIL",
      caseSubkind: "Travail",
      applicantRole: "Demandeur",
      procedureStage: "Avant toute procédure",
      adverseParty: "Société Transports Rhône",
      description: "Contestation de mon licenciement devant le conseil de prud'hommes.",
      lawyerDesignationRequested: true,
    },
    declaredMovableAssets: 6000,
    declaredRealEstateAssets: 0,
    messages: [
      {
        from: "AGENT",
        agentEmail: "lucas.moreau@justice.example",
        body: "Bonjour, pouvez-vous préciser la date de la notification de votre licenciement ? Elle détermine le délai pour agir.",
      },
    ],
    startedAt: "2026-11-03T08:45:00.000Z",
  },
  {
    reference: "AJ-2026-000004",
    status: "GRANTED",
    citizen: {
      givenName: "Nathalie",
      familyName: "Garcia",
      birthdate: "1968-05-17",
      gender: "female",
      birthplace: "13201",
      birthcountry: "99100",
      email: "nathalie.garcia@courriel.example",
    },
    courtCode: COURT_CODES.marseille,
    tax: {
      rfr: 7300,
      nbPart: 1.5,
      sitFam: "V",
      pac: { nbPac: 1 },
      aft: "3 BOULEVARD NATIONAL 13001 MARSEILLE",
    },
    procedure: {
      caseKind: "CIVIL",
      caseSubkind: "Surendettement",
      applicantRole: "Demandeur",
      procedureStage: "Décision à exécuter",
      adverseParty: "Banque du Littoral",
      description: "Exécution d'un jugement contre ma banque.",
      lawyerDesignationRequested: true,
    },
    declaredMovableAssets: 400,
    declaredRealEstateAssets: 0,
    decision: {
      agentEmail: "nadia.haddad@justice.example",
      reason: "Ressources inférieures au plafond de l'aide juridictionnelle totale.",
    },
    startedAt: "2026-10-06T16:20:00.000Z",
  },
  {
    reference: "AJ-2026-000005",
    status: "GRANTED",
    citizen: {
      givenName: "Marc",
      familyName: "Lambert",
      birthdate: "1985-09-09",
      gender: "male",
      birthplace: "59350",
      birthcountry: "99100",
      email: "marc.lambert@courriel.example",
    },
    courtCode: COURT_CODES.lille,
    tax: {
      rfr: 20000,
      nbPart: 3,
      sitFam: "M",
      pac: { nbPac: 2 },
      aft: "15 RUE NATIONALE 59000 LILLE",
    },
    procedure: {
      caseKind: "CIVIL",
      caseSubkind: "Consommation",
      applicantRole: "Demandeur",
      procedureStage: "Avant toute procédure",
      adverseParty: "Garage du Nord",
      description: "Vice caché sur un véhicule d'occasion.",
      lawyerName: "Me Paul Dubreuil",
      lawyerBar: "Lille",
      lawyerDesignationRequested: false,
    },
    declaredMovableAssets: 9000,
    declaredRealEstateAssets: 0,
    decision: {
      agentEmail: "thomas.lefebvre@justice.example",
      reason:
        "Ressources comprises entre les plafonds : aide partielle, l'État prend en charge 55 %.",
    },
    startedAt: "2026-10-13T11:00:00.000Z",
  },
  {
    reference: "AJ-2026-000006",
    status: "REJECTED",
    citizen: {
      givenName: "Élodie",
      familyName: "Fontaine",
      birthdate: "1979-12-01",
      gender: "female",
      birthplace: "75112",
      birthcountry: "99100",
      email: "elodie.fontaine@courriel.example",
    },
    courtCode: COURT_CODES.paris,
    tax: {
      rfr: 41000,
      nbPart: 1,
      sitFam: "C",
      pac: { nbPac: 0 },
      aft: "40 RUE DE CHARENTON 75012 PARIS",
    },
    procedure: {
      caseKind: "CIVIL",
      caseSubkind: "Voisinage",
      applicantRole: "Demandeur",
      procedureStage: "Avant toute procédure",
      adverseParty: "M. Y",
      description: "Nuisances sonores répétées.",
      lawyerDesignationRequested: true,
    },
    declaredMovableAssets: 22000,
    declaredRealEstateAssets: 0,
    decision: {
      agentEmail: "camille.martin@justice.example",
      reason: "Ressources supérieures au plafond de l'aide juridictionnelle partielle.",
    },
    startedAt: "2026-09-22T09:00:00.000Z",
  },
  {
    reference: "AJ-2026-000007",
    status: "WITHDRAWN",
    citizen: {
      givenName: "Hugo",
      familyName: "Chevalier",
      birthdate: "2001-04-14",
      gender: "male",
      birthplace: "69123",
      birthcountry: "99100",
      email: "hugo.chevalier@courriel.example",
    },
    courtCode: COURT_CODES.lyon,
    tax: { rfr: 0, nbPart: 1, sitFam: "C", pac: { nbPac: 0 }, aft: "2 RUE MERCIERE 69002 LYON" },
    procedure: {
      caseKind: "PENAL",
      caseSubkind: "Vol",
      applicantRole: "Prévenu",
      procedureStage: "Juge déjà saisi",
      adverseParty: "Ministère public",
      description: "Convocation devant le tribunal correctionnel.",
      lawyerDesignationRequested: true,
    },
    declaredMovableAssets: 200,
    declaredRealEstateAssets: 0,
    startedAt: "2026-10-28T13:30:00.000Z",
  },
  {
    reference: "AJ-2026-000008",
    status: "DECISION_PROPOSED",
    citizen: {
      givenName: "Mathis",
      familyName: "Lefèvre",
      birthdate: "1983-02-08",
      gender: "male",
      birthplace: "75118",
      birthcountry: "99100",
      email: "mathis.lefevre@courriel.example",
    },
    courtCode: COURT_CODES.paris,
    tax: {
      rfr: 15900,
      nbPart: 1,
      sitFam: "C",
      pac: { nbPac: 0 },
      aft: "40 RUE ORDENER 75018 PARIS",
    },
    procedure: {
      caseKind: "CIVIL",
      caseSubkind: "Consommation",
      applicantRole: "Demandeur",
      procedureStage: "Juge déjà saisi",
      adverseParty: "Garage du Nord",
      description: "Réparation de mon véhicule facturée mais non effectuée.",
      lawyerDesignationRequested: true,
    },
    declaredMovableAssets: 3000,
    declaredRealEstateAssets: 0,
    agentEmail: "karim.benali@justice.example",
    startedAt: "2026-11-16T09:10:00.000Z",
  },
  {
    reference: "AJ-2026-000009",
    status: "INFORMATION_REQUESTED",
    citizen: {
      givenName: "Aïcha",
      familyName: "Diallo",
      birthdate: "1990-12-01",
      gender: "female",
      birthplace: "75120",
      birthcountry: "99100",
      email: "aicha.diallo@courriel.example",
    },
    courtCode: COURT_CODES.paris,
    tax: {
      rfr: 11200,
      nbPart: 2,
      sitFam: "C",
      pac: { nbPac: 1 },
      aft: "8 RUE DES PYRENEES 75020 PARIS",
    },
    procedure: {
      caseKind: "CIVIL",
      caseSubkind: "Famille",
      applicantRole: "Défendeur",
      procedureStage: "Juge déjà saisi",
      adverseParty: "M. Z",
      description: "Demande de modification de la pension alimentaire par le père de mon fils.",
      lawyerDesignationRequested: true,
    },
    declaredMovableAssets: 800,
    declaredRealEstateAssets: 0,
    agentEmail: "julie.petit@justice.example",
    messages: [
      {
        from: "AGENT",
        agentEmail: "julie.petit@justice.example",
        body: "Bonjour, pouvez-vous indiquer la date de la prochaine audience devant le juge aux affaires familiales ?",
      },
    ],
    // Long ago: the reply deadline has passed, the président can record the caducité.
    startedAt: "2026-09-01T10:00:00.000Z",
  },
  {
    reference: "AJ-2026-000010",
    status: "IN_REVIEW",
    citizen: {
      givenName: "Paul",
      familyName: "Étienne",
      birthdate: "1958-07-21",
      gender: "male",
      birthplace: "75114",
      birthcountry: "99100",
      email: "paul.etienne@courriel.example",
    },
    courtCode: COURT_CODES.paris,
    tax: {
      rfr: 24300,
      nbPart: 2,
      sitFam: "M",
      pac: { nbPac: 0 },
      aft: "5 AVENUE DU MAINE 75014 PARIS",
    },
    procedure: {
      caseKind: "PENAL",
      caseSubkind: "Atteinte aux personnes",
      applicantRole: "Partie civile (victime)",
      procedureStage: "Juge déjà saisi",
      adverseParty: "Inconnu",
      description: "Agression dans la rue ; audience de comparution immédiate de l'auteur.",
      lawyerDesignationRequested: true,
      urgent: true,
    },
    declaredMovableAssets: 9000,
    declaredRealEstateAssets: 0,
    agentEmail: "julie.petit@justice.example",
    startedAt: "2026-11-23T15:40:00.000Z",
  },
  {
    reference: "AJ-2026-000011",
    status: "LAPSED",
    citizen: {
      givenName: "Sarah",
      familyName: "Nguyen",
      birthdate: "1987-09-09",
      gender: "female",
      birthplace: "69387",
      birthcountry: "99100",
      email: "sarah.nguyen@courriel.example",
    },
    courtCode: COURT_CODES.lyon,
    tax: {
      rfr: 12500,
      nbPart: 1,
      sitFam: "C",
      pac: { nbPac: 0 },
      aft: "9 RUE DE MARSEILLE 69007 LYON",
    },
    procedure: {
      caseKind: "CIVIL",
      caseSubkind: "Logement",
      applicantRole: "Demandeur",
      procedureStage: "Avant toute procédure",
      adverseParty: "SCI Les Tilleuls",
      description: "Restitution de mon dépôt de garantie.",
      lawyerDesignationRequested: true,
    },
    declaredMovableAssets: 2500,
    declaredRealEstateAssets: 0,
    agentEmail: "lucas.moreau@justice.example",
    decision: { agentEmail: "ines.fontaine@justice.example", reason: "" },
    messages: [
      {
        from: "AGENT",
        agentEmail: "lucas.moreau@justice.example",
        body: "Bonjour, pouvez-vous préciser le montant du dépôt de garantie et la date de sortie du logement ?",
      },
    ],
    startedAt: "2026-08-17T09:20:00.000Z",
  },
];
