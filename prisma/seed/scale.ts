/**
 * `npm run db:seed -- --applications N`: N realistic submitted applications, to try the BAJ's queue at
 * national scale (docs/decisions/015). Generated inside the database, set-based: one
 * `INSERT … SELECT … FROM generate_series` statement per batch of 100 000 rows writes the citizens,
 * draws a block of references from the per-year counter and writes the applications; never one
 * Prisma call per row. About two minutes for 1.2 million rows on a 2-core PostgreSQL server, then
 * `VACUUM (ANALYZE)`: the planner's statistics, and the visibility map the counters count with.
 *
 * The spread imitates the real thing: one large court (Paris, about a tenth), then a long tail over
 * the courts in the database; ~8 % to take, 10 % in review, 4 % waiting for the citizen (some past
 * their reply deadline), 3 % to sign, ~70 % decided (granted or rejected, consistent with the
 * eligibility computed at submission), 2 % lapsed, 3 % withdrawn; submissions over the last twelve
 * months, the recent ones still pending, the old ones decided; ~5 % urgent. The agents of each court
 * (when it has some) took, proposed and signed. Rows are written in the order of submission, as a
 * real table fills up, and the references follow that order.
 *
 * Deliberately absent for generated rows: audit events, messages, notifications, notes and tax
 * records (the audit chain is a sequential hash chain and would be written row by row; none of these
 * is read by the queue). The detail page of a generated application therefore shows no history.
 *
 * Deterministic for a given seed, clock and set of courts and agents (ids are UUIDv7 of the creation
 * time and an md5 digest of the seed and the row's ordinal, FranceConnect subjects md5 digests),
 * except for the references, which continue the per-year counter wherever it stands.
 */
import { computeEligibility, type EligibilityResult, OUTCOMES } from "~/domain/eligibility";
import { APPLICANT_ROLES, CASE_SUBKINDS, PROCEDURE_STAGES } from "~/forms/application";
import type { PrismaClient } from "~/generated/prisma/client";
import { resetStatisticsSummary } from "~/server/agent/statistics-summary.server";
import type { Database } from "~/server/db/connection.server";

export type ScaleOptions = {
  /** Same seed, same clock, same courts and agents: same rows. Default 1. */
  seed?: number;
  /** Called after each batch with the number of applications written so far. */
  onProgress?: (done: number) => void;
  /** Rows per statement (default 100 000). */
  batchSize?: number;
  /** The generation's "now" (submissions are spread over the twelve months before it). */
  now?: Date;
};

/** The large court: Paris (code INSEE of the commune). */
const LARGE_COURT = "75056";
/** Share of all applications it receives. */
const LARGE_COURT_SHARE = 0.1;
/** The next largest, in rough order of activity; the rest of the tail in a seeded order. */
const BUSY_COURTS = [
  "93008", // Bobigny
  "13055", // Marseille
  "69123", // Lyon
  "59350", // Lille
  "92050", // Nanterre
  "94028", // Créteil
  "33063", // Bordeaux
  "31555", // Toulouse
  "06088", // Nice
  "44109", // Nantes
  "95500", // Pontoise
  "91228", // Évry
  "78646", // Versailles
  "67482", // Strasbourg
  "34172", // Montpellier
  "35238", // Rennes
];

// ASCII only, without hyphens or apostrophes: then `lower(family || ' ' || given)` in SQL is exactly
// what `searchable()` (app/domain/french.ts) stores in `search_name` for a real submission.
// biome-ignore format: a list
const FEMALE = [
  "Marie", "Nathalie", "Isabelle", "Sylvie", "Catherine", "Sandrine", "Christine", "Valerie",
  "Stephanie", "Sophie", "Julie", "Aurelie", "Camille", "Laura", "Sarah", "Emma", "Manon", "Chloe",
  "Lea", "Ines", "Fatima", "Amina", "Yasmine", "Nadia", "Karima", "Claire", "Anne", "Celine",
  "Audrey", "Emilie", "Pauline", "Lucie", "Oceane", "Jade", "Louise", "Alice", "Lina", "Rose",
  "Mathilde", "Elodie", "Aicha", "Josiane", "Monique", "Brigitte", "Leila", "Samira",
];
// biome-ignore format: a list
const MALE = [
  "Jean", "Pierre", "Michel", "Philippe", "Alain", "Nicolas", "Christophe", "Patrick", "Laurent",
  "Frederic", "Stephane", "David", "Julien", "Sebastien", "Thomas", "Kevin", "Maxime", "Alexandre",
  "Lucas", "Hugo", "Louis", "Gabriel", "Arthur", "Mohamed", "Karim", "Mehdi", "Youssef", "Rachid",
  "Antoine", "Romain", "Vincent", "Olivier", "Eric", "Bruno", "Thierry", "Francois", "Guillaume",
  "Mathieu", "Jerome", "Adam", "Moussa", "Bernard", "Daniel", "Gerard", "Yannick", "Dylan",
];
// biome-ignore format: a list
const FAMILY = [
  "Martin", "Bernard", "Thomas", "Petit", "Robert", "Richard", "Durand", "Dubois", "Moreau",
  "Laurent", "Simon", "Michel", "Lefebvre", "Leroy", "Roux", "David", "Bertrand", "Morel",
  "Fournier", "Girard", "Bonnet", "Dupont", "Lambert", "Fontaine", "Rousseau", "Vincent", "Muller",
  "Lefevre", "Faure", "Andre", "Mercier", "Blanc", "Guerin", "Boyer", "Garnier", "Chevalier",
  "Francois", "Legrand", "Gauthier", "Garcia", "Perrin", "Robin", "Clement", "Morin", "Nicolas",
  "Henry", "Roussel", "Mathieu", "Gautier", "Masson", "Marchand", "Duval", "Denis", "Dumont",
  "Marie", "Lemaire", "Noel", "Meyer", "Dufour", "Meunier", "Brun", "Blanchard", "Giraud", "Joly",
  "Riviere", "Lucas", "Brunet", "Gaillard", "Barbier", "Arnaud", "Martinez", "Gerard", "Roche",
  "Renard", "Schmitt", "Roy", "Leroux", "Colin", "Vidal", "Caron", "Picard", "Roger", "Fabre",
  "Aubert", "Lemoine", "Renaud", "Dumas", "Lacroix", "Olivier", "Philippe", "Bourgeois", "Pierre",
  "Benoit", "Rey", "Leclerc", "Payet", "Rolland", "Leclercq", "Guillaume", "Lecomte", "Lopez",
  "Jean", "Dupuy", "Guillot", "Hubert", "Berger", "Carpentier", "Sanchez", "Dupuis", "Moulin",
  "Louis", "Deschamps", "Huet", "Vasseur", "Perez", "Boucher", "Fleury", "Royer", "Klein",
  "Jacquet", "Adam", "Poirier", "Marty", "Aubry", "Guyot", "Carre", "Charles", "Renault",
  "Charpentier", "Menard", "Maillard", "Baron", "Bertin", "Bailly", "Herve", "Schneider",
  "Fernandez", "Le Gall", "Collet", "Leger", "Bouvier", "Julien", "Prevost", "Millet", "Perrot",
  "Da Silva", "Le Roux", "Cousin", "Germain", "Breton", "Besson", "Langlois", "Remy", "Le Goff",
  "Pelletier", "Leveque", "Perrier", "Leblanc", "Barre", "Lebrun", "Marchal", "Weber", "Mallet",
  "Hamon", "Boulanger", "Jacob", "Monnier", "Michaud", "Rodriguez", "Guichard", "Gillet", "Etienne",
  "Grondin", "Hoarau", "Nguyen", "Diallo", "Traore", "Diop", "Haddad", "Benali", "Mendes",
  "Ferreira", "Ben Said", "Kone", "Camara", "Cisse", "Bouaziz", "Mansouri", "Hamidi", "Tran",
];
// biome-ignore format: a list
const STREETS = [
  "RUE DE LA REPUBLIQUE", "AVENUE JEAN JAURES", "RUE VICTOR HUGO", "RUE DE LA GARE",
  "BOULEVARD GAMBETTA", "RUE PASTEUR", "PLACE DE LA MAIRIE", "RUE DES ECOLES", "ALLEE DES TILLEULS",
  "RUE DU MOULIN", "CHEMIN DES VIGNES", "RESIDENCE LES PINS",
];
// biome-ignore format: a list
const ADVERSE = {
  CIVIL: ["Mon bailleur", "Mon ancien employeur", "Mon ex-conjoint", "Un organisme de crédit", "Mon voisin", "Une société de vente en ligne"],
  PENAL: ["Ministère public", "L'auteur des faits", "Inconnu"],
};
const DESCRIPTIONS = {
  CIVIL: [
    "Mon propriétaire me réclame des loyers que j'ai déjà payés.",
    "Je demande la fixation de la pension alimentaire et de la résidence des enfants.",
    "J'ai été licencié sans motif et je saisis le conseil de prud'hommes.",
    "Un organisme de crédit me poursuit pour une dette que je conteste.",
    "Je suis assigné en expulsion de mon logement.",
  ],
  PENAL: [
    "J'ai été victime de violences et je veux me constituer partie civile.",
    "Je suis convoqué devant le tribunal correctionnel.",
    "Mon logement a été cambriolé et l'auteur est poursuivi.",
  ],
};

/**
 * How applications are spread over their fate (shares of the total, summing to 1), and how many days
 * before "now" each kind was submitted (uniformly within the range): the recent ones are still
 * waiting, the older ones decided.
 */
const PHASES = [
  ["SUBMITTED", 0.08, [0.01, 45]],
  ["IN_REVIEW", 0.1, [1, 121]],
  ["INFORMATION_REQUESTED", 0.04, [2, 102]],
  ["DECISION_PROPOSED", 0.03, [5, 155]],
  ["DECIDED", 0.7, [20, 365]],
  ["LAPSED", 0.02, [65, 365]],
  ["WITHDRAWN", 0.03, [1, 365]],
] as const;

/**
 * The submissions' calendar, from the oldest to the most recent, cut where a phase's range starts or
 * ends: in each segment the submissions are uniform and each phase has a constant probability. Row
 * number i of n is submitted at the (i + jitter)/n quantile of that calendar, so the rows are written
 * in the order of their submission (as a real table fills up), and the references follow it.
 */
function calendar() {
  const cuts = [...new Set(PHASES.flatMap(([, , range]) => range))].sort((a, b) => b - a);
  const segments = cuts.slice(1).map((lo, index) => {
    const hi = cuts[index] as number;
    const densities = PHASES.map(([, share, [from, to]]) =>
      from <= lo && hi <= to ? share / (to - from) : 0,
    );
    const density = densities.reduce((a, b) => a + b, 0);
    let cumulated = 0;
    // Cumulated probabilities of the phases in this segment (the last one is 1).
    const phases = densities.map((d) => {
      cumulated += d / density;
      return cumulated;
    });
    return { hi, lo, mass: density * (hi - lo), phases };
  });
  let start = 0;
  const bounds = segments.map((segment) => {
    const bound = start;
    start += segment.mass;
    return bound;
  });
  return { segments, bounds };
}

/** The eligibility computed at submission; null: no certified income (the agent decides). */
const ELIGIBILITY = [
  ["FULL", 0.58],
  ["PARTIAL_55", 0.16],
  ["PARTIAL_25", 0.1],
  ["INELIGIBLE", 0.14],
  [null, 0.02],
] as const;

/** SQL literals of values this module builds itself (court and agent ids come from the database). */
const text = (value: string | null) =>
  value === null ? "NULL" : `'${value.replaceAll("'", "''")}'`;
const textArray = (values: readonly (string | null)[]) =>
  `ARRAY[${values.map(text).join(",")}]::text[]`;
const floatArray = (values: readonly number[]) => `ARRAY[${values.join(",")}]::float8[]`;

/** A CASE choosing among `choices` by the uniform `u`, with their weights. */
function pick(u: string, choices: readonly (readonly [string | null, number])[]): string {
  let cumulated = 0;
  const branches = choices.slice(0, -1).map(([value, weight]) => {
    cumulated += weight;
    return `WHEN ${u} < ${cumulated.toFixed(6)} THEN ${text(value)}`;
  });
  return `CASE ${branches.join(" ")} ELSE ${text(choices[choices.length - 1]?.[0] ?? null)} END`;
}

/** One snapshot per outcome, as the engine writes it, for a one-person household. */
function snapshots(requestDate: string): Record<EligibilityResult["outcome"], EligibilityResult> {
  const compute = (rfr: number) =>
    computeEligibility({
      requestDate,
      referenceTaxIncome: rfr,
      householdSize: 1,
      movableAssets: 1_000,
      realEstateAssets: 0,
    });
  const { ceilings } = compute(0);
  const incomes = {
    FULL: Math.round(ceilings.full * 0.7),
    PARTIAL_55: Math.round((ceilings.full + ceilings.partial55) / 2),
    PARTIAL_25: Math.round((ceilings.partial55 + ceilings.partial25) / 2),
    INELIGIBLE: Math.round(ceilings.partial25 * 1.3),
  };
  const result = {} as Record<EligibilityResult["outcome"], EligibilityResult>;
  for (const outcome of OUTCOMES) {
    const snapshot = compute(incomes[outcome]);
    if (snapshot.outcome !== outcome) throw new Error(`Barème inattendu pour ${outcome}`);
    result[outcome] = snapshot;
  }
  return result;
}

type CourtRow = { id: string; code: string; city: string; insee_code: string };
type AgentRow = { court_id: string; id: string; role: string };

/** Cumulative lower bounds of each court's share, for `width_bucket`: the large one, then a tail. */
function courtShares(courts: CourtRow[], seed: number): { ordered: CourtRow[]; bounds: number[] } {
  const hash = (code: string) => {
    let h = seed >>> 0;
    for (const char of code) h = Math.imul(h ^ char.charCodeAt(0), 2654435761) >>> 0;
    return h;
  };
  const rank = (court: CourtRow) => {
    if (court.code === LARGE_COURT) return -1;
    const busy = BUSY_COURTS.indexOf(court.code);
    return busy >= 0 ? busy : BUSY_COURTS.length + hash(court.code) / 2 ** 32;
  };
  const ordered = [...courts].sort((a, b) => rank(a) - rank(b) || a.code.localeCompare(b.code));
  // The first (Paris when present) takes its share; the others a harmonic tail, 1/(rank + 15).
  const tail = ordered.slice(1).map((_, r) => 1 / (r + 16));
  const tailSum = tail.reduce((a, b) => a + b, 0);
  const shares = tail.length
    ? [LARGE_COURT_SHARE, ...tail.map((w) => ((1 - LARGE_COURT_SHARE) * w) / tailSum)]
    : [1];
  const bounds: number[] = [];
  let cumulated = 0;
  for (const share of shares) {
    bounds.push(Number(cumulated.toFixed(9)));
    cumulated += share;
  }
  return { ordered, bounds };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Writes `count` submitted applications (and a citizen for each), in batches. Returns how many were
 * written. Needs the courts (and, for realistic assignments, the agents): run `seed()` first.
 */
export async function generateApplications(
  db: Database | PrismaClient,
  count: number,
  options: ScaleOptions = {},
): Promise<number> {
  const prisma = "target" in db ? db.prisma : db;
  if (!Number.isInteger(count) || count < 0)
    throw new Error(`Nombre de demandes invalide : ${count}`);
  if (count === 0) return 0;
  const seed = Math.abs(Math.trunc(options.seed ?? 1)) % 2 ** 31;
  const batchSize = options.batchSize ?? 100_000;
  const now = options.now ?? new Date();

  const courts = await prisma.$queryRawUnsafe<CourtRow[]>(
    "SELECT id, code, city, insee_code FROM court ORDER BY code",
  );
  if (courts.length === 0) throw new Error("Aucun tribunal : lancez d'abord le seed de base.");
  const agents = await prisma.$queryRawUnsafe<AgentRow[]>(
    `SELECT ac.court_id, a.id, a.role::text AS role FROM agent_court ac JOIN agent a ON a.id = ac.agent_id
     WHERE a.active ORDER BY ac.court_id, a.email`,
  );
  for (const id of [...courts.map((c) => c.id), ...agents.map((a) => a.id)]) {
    if (!UUID.test(id)) throw new Error(`Identifiant inattendu : ${id}`);
  }
  const { ordered, bounds } = courtShares(courts, seed);
  const agentsOf = (courtId: string, roles: string[]) =>
    agents.filter((a) => a.court_id === courtId && roles.includes(a.role)).map((a) => a.id);
  // Who takes the files: the instructeurs, else whoever of the court may instruct.
  const instructeurs = ordered.map((court) => {
    const ids = agentsOf(court.id, ["INSTRUCTEUR"]);
    const any = ids.length ? ids : agentsOf(court.id, ["PRESIDENT", "VICE_PRESIDENT"]);
    return any.length ? any.join("|") : null;
  });
  // Who signs: the président or the vice-président.
  const signers = ordered.map((court) => {
    const ids = agentsOf(court.id, ["PRESIDENT", "VICE_PRESIDENT"]);
    return ids.length ? ids.join("|") : null;
  });
  const snapshot = snapshots(now.toISOString().slice(0, 10));
  const timeline = calendar();
  const scaleYear = snapshot.FULL.scaleYear;
  const [{ base } = { base: 0 }] = await prisma.$queryRawUnsafe<{ base: number }[]>(
    "SELECT count(*)::int AS base FROM application",
  );

  const params = `SELECT
      ${textArray(ordered.map((c) => c.id))} AS court_ids,
      ${floatArray(bounds)} AS court_bounds,
      ${textArray(ordered.map((c) => c.city.toUpperCase()))} AS court_cities,
      ${textArray(ordered.map((c) => c.insee_code))} AS court_insee,
      ${textArray(instructeurs)} AS instructeurs,
      ${textArray(signers)} AS signers,
      ${textArray(FEMALE)} AS female, ${textArray(MALE)} AS male, ${textArray(FAMILY)} AS family,
      ${textArray(STREETS)} AS streets,
      ${textArray(CASE_SUBKINDS.CIVIL)} AS civil_subkinds, ${textArray(CASE_SUBKINDS.PENAL)} AS penal_subkinds,
      ${textArray(APPLICANT_ROLES.CIVIL)} AS civil_roles, ${textArray(APPLICANT_ROLES.PENAL)} AS penal_roles,
      ${textArray(ADVERSE.CIVIL)} AS civil_adverse, ${textArray(ADVERSE.PENAL)} AS penal_adverse,
      ${textArray(DESCRIPTIONS.CIVIL)} AS civil_descriptions, ${textArray(DESCRIPTIONS.PENAL)} AS penal_descriptions,
      ${textArray(PROCEDURE_STAGES)} AS stages,
      ${text(JSON.stringify(snapshot.FULL))}::jsonb AS snap_full,
      ${text(JSON.stringify(snapshot.PARTIAL_55))}::jsonb AS snap_55,
      ${text(JSON.stringify(snapshot.PARTIAL_25))}::jsonb AS snap_25,
      ${text(JSON.stringify(snapshot.INELIGIBLE))}::jsonb AS snap_none,
      ${floatArray(timeline.bounds)} AS segment_bounds,
      ${floatArray(timeline.segments.map((segment) => segment.mass))} AS segment_mass,
      ${floatArray(timeline.segments.map((segment) => segment.hi))} AS segment_hi,
      ${floatArray(timeline.segments.map((segment) => segment.lo))} AS segment_lo,
      ${PHASES.slice(0, -1)
        .map(
          (_, j) =>
            `${floatArray(timeline.segments.map((segment) => Number(segment.phases[j]?.toFixed(9))))} AS phase_${j}`,
        )
        .join(", ")},
      TIMESTAMP ${text(now.toISOString().replace("T", " ").replace("Z", ""))} AS now`;

  /** The j-th uniform number in [0, 1) of row k: a hash of the seed, j and k (no random()). */
  const u = (j: number) =>
    `((hashint8extended(k, ${seed * 64 + j}) & 2147483647)::float8 / 2147483648)`;
  /** An element of an array of `p`, chosen by the uniform `u`. */
  const element = (array: string, uniform: string) =>
    `p.${array}[1 + floor(${uniform} * cardinality(p.${array}))::int]`;
  /** One id of a '|'-separated list (null when the court has no such agent). */
  const oneOf = (list: string, uniform: string) =>
    `(string_to_array(${list}, '|'))[1 + floor(${uniform} * cardinality(string_to_array(${list}, '|')))::int]`;
  const at = (daysAgo: string) => `(p.now - (${daysAgo}) * interval '1 day')`;
  /**
   * A UUIDv7 (what z.uuid() accepts): the millisecond the draft was created, then an md5 digest of
   * the seed and k. Time-ordered, as the rows are: the primary keys grow at their right edge, which
   * keeps the generation fast at a million rows (random keys would rewrite pages all over).
   */
  const uuid = (salt: string) =>
    `(lpad(to_hex(floor(extract(epoch FROM ${at("submitted_ago + 0.02")}) * 1000)::bigint), 12, '0')
      || '7' || substr(md5('${salt}:${seed}:' || k), 1, 3) || '8' || substr(md5('${salt}:${seed}:' || k), 4, 15)
    )::uuid::text`;

  const statement = (first: number, last: number) => `
WITH p AS MATERIALIZED (${params}),
r AS (
  SELECT k, ${Array.from({ length: 28 }, (_, j) => `${u(j)} AS u${j}`).join(", ")}
  FROM generate_series(${first}::bigint, ${last}::bigint) AS k
),
-- Where in the calendar (0: the oldest), then in which segment of it.
placed AS (
  SELECT r.*, (k - ${base + 1} + u0 * 0.999)::float8 / ${count} AS q
  FROM r
),
segmented AS (
  SELECT placed.*, width_bucket(q, p.segment_bounds) AS segment
  FROM placed CROSS JOIN p
),
timed AS (
  SELECT s.*,
    width_bucket(u1, p.court_bounds) AS ci,
    p.segment_hi[segment] - least(1, (q - p.segment_bounds[segment]) / p.segment_mass[segment])
      * (p.segment_hi[segment] - p.segment_lo[segment]) AS submitted_ago,
    CASE ${PHASES.slice(0, -1)
      .map(([phase], j) => `WHEN u2 < p.phase_${j}[segment] THEN ${text(phase)}`)
      .join(" ")} ELSE ${text(PHASES[PHASES.length - 1]?.[0] ?? null)} END AS phase,
    ${pick("u3", ELIGIBILITY)} AS eligibility,
    u4 < 0.05 AS urgent,
    CASE WHEN u5 < 0.64 THEN 'CIVIL' ELSE 'PENAL' END AS kind,
    u6 < 0.55 AS is_female
  FROM segmented s CROSS JOIN p
),
events AS (
  SELECT t.*,
    CASE phase WHEN 'INFORMATION_REQUESTED' THEN u7 * least(40, submitted_ago - 2)
      WHEN 'LAPSED' THEN submitted_ago - (3 + u7 * 17) END AS requested_ago,
    -- The file is complete at the submission, or (15 %) at an answer to a request, 3 to 20 days on.
    CASE WHEN phase IN ('IN_REVIEW', 'DECISION_PROPOSED', 'DECIDED') AND u24 < 0.15
      THEN submitted_ago - least(submitted_ago * 0.5, 3 + u25 * 17) ELSE submitted_ago END
      AS complete_ago,
    -- From the complete file to the decision: 60 % within 5 days (the ministry reported 59 %),
    -- the rest up to about three months.
    CASE phase WHEN 'DECIDED'
      THEN least(submitted_ago * 0.45, CASE WHEN u26 < 0.6 THEN 0.1 + u27 * 4.9 ELSE 5 + u27 * 85 END)
      END AS decision_delay,
    CASE phase WHEN 'DECISION_PROPOSED' THEN submitted_ago * u7 * 0.5 END AS proposed_ago,
    CASE phase WHEN 'WITHDRAWN' THEN submitted_ago * u7 * 0.98 END AS withdrawn_ago,
    CASE phase WHEN 'LAPSED' THEN submitted_ago - (3 + u7 * 17) - 31 - (1 + u8 * 9) END AS lapsed_ago,
    CASE WHEN t.eligibility IS NULL THEN (CASE WHEN u11 < 0.7 THEN 'FULL' ELSE 'INELIGIBLE' END)
      WHEN t.eligibility = 'INELIGIBLE' OR u11 < 0.05 THEN 'INELIGIBLE'
      ELSE t.eligibility END AS decision,
    CASE WHEN kind = 'CIVIL' THEN ${element("civil_roles", "u8")} ELSE ${element("penal_roles", "u8")} END
      AS role
  FROM timed t CROSS JOIN p
),
dated AS (
  SELECT e.*, complete_ago - decision_delay AS decided_ago FROM events e
),
gen AS MATERIALIZED (
  SELECT e.*,
    extract(year FROM (${at("submitted_ago")} AT TIME ZONE 'UTC') AT TIME ZONE 'Europe/Paris')::int AS year,
    ${uuid("aj-scale-citizen")} AS citizen_id,
    ${uuid("aj-scale-application")} AS application_id,
    CASE WHEN is_female THEN ${element("female", "u12")} ELSE ${element("male", "u12")} END AS given_name,
    ${element("family", "u13")} AS family_name,
    CASE WHEN phase = 'DECIDED' THEN (CASE WHEN decision = 'INELIGIBLE' THEN 'REJECTED' ELSE 'GRANTED' END)
      ELSE phase END AS status,
    CASE WHEN phase IN ('IN_REVIEW', 'INFORMATION_REQUESTED', 'DECISION_PROPOSED', 'DECIDED', 'LAPSED')
      OR (phase = 'WITHDRAWN' AND u9 < 0.5)
      THEN ${oneOf("p.instructeurs[ci]", "u14")} END AS assigned,
    CASE WHEN phase = 'DECIDED' THEN ${oneOf("p.signers[ci]", "u15")} END AS signer,
    -- Decided: 85 % on an instructeur's proposal, the rest directly by the président.
    phase = 'DECISION_PROPOSED' OR (phase = 'DECIDED' AND u16 < 0.85) AS proposed
  FROM dated e CROSS JOIN p
),
-- The rows of a year are consecutive (they are in the order of submission): a block of references
-- per year, drawn from the counter real submissions use, numbers them in that order.
years AS (
  SELECT year, count(*) AS n, min(k) AS first_k FROM gen GROUP BY year
),
blocks AS (
  INSERT INTO reference_counter (year, last)
  SELECT year, n FROM years
  ON CONFLICT (year) DO UPDATE SET last = reference_counter.last + excluded.last
  RETURNING year, last
),
shifts AS (
  SELECT year, blocks.last - years.n + 1 - years.first_k AS shift
  FROM blocks JOIN years USING (year)
),
citizens AS (
  INSERT INTO citizen (id, fc_sub, given_name, family_name, birthdate, gender, birthplace,
    birthcountry, fc_email, contact_email, created_at, updated_at, last_login_at)
  SELECT citizen_id, md5('aj-scale-fc:${seed}:' || k) || md5('aj-scale-fc2:${seed}:' || k) || 'v1',
    given_name, upper(family_name),
    to_char(date '1940-01-01' + floor(u20 * 24000)::int, 'YYYY-MM-DD'),
    CASE WHEN is_female THEN 'female' ELSE 'male' END,
    CASE WHEN u21 < 0.85 THEN p.court_insee[ci] ELSE '' END,
    CASE WHEN u21 < 0.85 THEN '99100' WHEN u21 < 0.92 THEN '99350' WHEN u21 < 0.96 THEN '99352'
      ELSE '99139' END,
    lower(given_name) || '.' || lower(replace(family_name, ' ', '')) || k || '@courriel.example',
    lower(given_name) || '.' || lower(replace(family_name, ' ', '')) || k || '@courriel.example',
    ${at("submitted_ago + 0.02")}, ${at("submitted_ago")}, ${at("submitted_ago")}
  FROM gen CROSS JOIN p
)
INSERT INTO application (id, reference, status, citizen_id, court_id, current_step, contact_email,
  contact_phone, correspondence_address, case_kind, case_subkind, applicant_role, procedure_stage,
  adverse_party, description, lawyer_designation_requested, urgent, declared_movable_assets,
  declared_real_estate_assets, serious_crime_victim, legal_expenses_insurance, eligibility_outcome,
  eligibility_state_share, eligibility_scale_year, eligibility_snapshot, search_name,
  assigned_agent_id, reply_deadline, proposed_outcome, proposed_motif, proposed_at, proposed_by_id,
  decision_outcome, decision_state_share, decision_motif, decided_at, decided_by_id,
  decided_by_name, decided_by_role, lapsed_at, created_at, updated_at, submitted_at, withdrawn_at, complete_at, closed_at, version)
SELECT application_id,
  'AJ-' || n.year || '-' || CASE WHEN number < 1000000 THEN lpad(number::text, 6, '0')
    ELSE number::text END,
  n.status::application_status, citizen_id, p.court_ids[ci], 'recapitulatif',
  lower(given_name) || '.' || lower(replace(family_name, ' ', '')) || k || '@courriel.example',
  CASE WHEN u10 < 0.6 THEN '06' || lpad(floor(u22 * 100000000)::int::text, 8, '0') END,
  (1 + floor(u10 * 120)::int) || ' ' || ${element("streets", "u11")} || ' ' || p.court_cities[ci],
  kind::case_kind,
  CASE WHEN kind = 'CIVIL' THEN ${element("civil_subkinds", "u9")} ELSE ${element("penal_subkinds", "u9")} END,
  role, ${element("stages", "u15")},
  CASE WHEN kind = 'CIVIL' THEN ${element("civil_adverse", "u16")} ELSE ${element("penal_adverse", "u16")} END,
  CASE WHEN kind = 'CIVIL' THEN ${element("civil_descriptions", "u23")} ELSE ${element("penal_descriptions", "u23")} END,
  u18 < 0.75, urgent, CASE WHEN eligibility IS NULL THEN floor(u19 * 8000)::int ELSE 1000 END, 0,
  false, false,
  eligibility::eligibility_outcome,
  CASE eligibility WHEN 'FULL' THEN 100 WHEN 'PARTIAL_55' THEN 55 WHEN 'PARTIAL_25' THEN 25
    WHEN 'INELIGIBLE' THEN 0 END,
  CASE WHEN eligibility IS NOT NULL THEN ${scaleYear} END,
  CASE eligibility WHEN 'FULL' THEN p.snap_full WHEN 'PARTIAL_55' THEN p.snap_55
    WHEN 'PARTIAL_25' THEN p.snap_25 WHEN 'INELIGIBLE' THEN p.snap_none END,
  lower(family_name || ' ' || given_name),
  assigned,
  CASE WHEN phase = 'INFORMATION_REQUESTED' THEN ${at("requested_ago - 31")}
    WHEN phase = 'LAPSED' THEN ${at("requested_ago - 31")} END,
  CASE WHEN proposed THEN (CASE WHEN phase = 'DECIDED' THEN decision ELSE coalesce(eligibility, 'FULL') END)::eligibility_outcome END,
  CASE WHEN proposed AND (CASE WHEN phase = 'DECIDED' THEN decision ELSE eligibility END) = 'INELIGIBLE'
    THEN 'RESOURCES' END,
  CASE WHEN phase = 'DECISION_PROPOSED' THEN ${at("proposed_ago")}
    WHEN proposed THEN ${at("decided_ago + least(0.2 + u16 * 4, decision_delay * 0.9)")} END,
  CASE WHEN proposed THEN assigned END,
  CASE WHEN phase = 'DECIDED' THEN decision::eligibility_outcome END,
  CASE WHEN phase = 'DECIDED' THEN (CASE decision WHEN 'FULL' THEN 100 WHEN 'PARTIAL_55' THEN 55
    WHEN 'PARTIAL_25' THEN 25 ELSE 0 END) END,
  CASE WHEN phase = 'DECIDED' AND decision = 'INELIGIBLE' THEN
    (CASE WHEN eligibility IS NULL OR eligibility = 'INELIGIBLE' THEN 'RESOURCES'
      WHEN role IN ('Demandeur', 'Partie civile (victime)') AND u17 < 0.5 THEN 'INADMISSIBLE'
      WHEN u17 < 0.8 THEN 'INSURANCE' ELSE 'ASSETS' END) END,
  CASE WHEN phase = 'DECIDED' THEN ${at("decided_ago")} END,
  signer,
  (SELECT given_name || ' ' || usual_name FROM agent WHERE agent.id = signer),
  (SELECT role FROM agent WHERE agent.id = signer),
  CASE WHEN phase = 'LAPSED' THEN ${at("lapsed_ago")} END,
  ${at("submitted_ago + 0.02")},
  ${at("least(submitted_ago, requested_ago, decided_ago, proposed_ago, withdrawn_ago, lapsed_ago)")},
  ${at("submitted_ago")},
  CASE WHEN phase = 'WITHDRAWN' THEN ${at("withdrawn_ago")} END,
  ${at("complete_ago")},
  CASE phase WHEN 'DECIDED' THEN ${at("decided_ago")} WHEN 'LAPSED' THEN ${at("lapsed_ago")}
    WHEN 'WITHDRAWN' THEN ${at("withdrawn_ago")} END,
  CASE phase WHEN 'SUBMITTED' THEN 2 WHEN 'IN_REVIEW' THEN 3 WHEN 'INFORMATION_REQUESTED' THEN 4
    WHEN 'DECISION_PROPOSED' THEN 4 WHEN 'DECIDED' THEN (CASE WHEN proposed THEN 5 ELSE 4 END)
    WHEN 'LAPSED' THEN 5 ELSE (CASE WHEN assigned IS NULL THEN 2 ELSE 3 END) END
FROM (
  SELECT gen.*, (SELECT shift FROM shifts WHERE shifts.year = gen.year) + k AS number FROM gen
) n CROSS JOIN p`;

  let done = 0;
  while (done < count) {
    const size = Math.min(batchSize, count - done);
    const first = base + done + 1;
    const sql = statement(first, first + size - 1);
    await prisma.$transaction(
      async (tx) => {
        // Compiling this large statement (JIT) costs seconds per batch and saves nothing; the
        // batch's rows fit in memory rather than in temporary files.
        await tx.$executeRawUnsafe("SET LOCAL jit = off");
        await tx.$executeRawUnsafe("SET LOCAL work_mem = '64MB'");
        await tx.$executeRawUnsafe(sql);
      },
      { maxWait: 60_000, timeout: 30 * 60_000 },
    );
    done += size;
    options.onProgress?.(done);
  }
  // Rows written in the past: the statistics' summary is rebuilt from them (docs/decisions/021).
  await resetStatisticsSummary(prisma);
  // Fresh statistics for the planner, and the visibility map that lets the counters count in the
  // index alone (what autovacuum would do a little later).
  await prisma.$executeRawUnsafe("VACUUM (ANALYZE) application, citizen");
  return done;
}
