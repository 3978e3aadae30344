/**
 * The tribunaux judiciaires, each with its bureau d'aide juridictionnelle (BAJ), read from
 * prisma/data/tribunaux-judiciaires.csv (Cour de cassation open data, Judilibre).
 */
import { readFileSync } from "node:fs";
import path from "node:path";

export type CourtSeed = {
  code: string;
  name: string;
  city: string;
  inseeCode: string;
  departement: string;
  bajName: string;
};

const PREFIX = "Tribunal judiciaire ";

/** "Tribunal judiciaire du Mans" → "Le Mans"; "d'Agen" → "Agen". */
export function cityOfCourt(name: string): string {
  if (!name.startsWith(PREFIX)) throw new Error(`Nom de tribunal inattendu : ${name}`);
  const rest = name.slice(PREFIX.length);
  if (rest.startsWith("d'")) return rest.slice(2);
  if (rest.startsWith("de ")) return rest.slice(3);
  if (rest.startsWith("du ")) return `Le ${rest.slice(3)}`;
  if (rest.startsWith("des ")) return `Les ${rest.slice(4)}`;
  throw new Error(`Nom de tribunal inattendu : ${name}`);
}

export function readCourts(
  file = path.resolve("prisma/data/tribunaux-judiciaires.csv"),
): CourtSeed[] {
  const [header, ...lines] = readFileSync(file, "utf8").trim().split(/\r?\n/);
  if (header !== "code_commune_insee,nom,departement") {
    throw new Error(`En-tête inattendu dans ${file} : ${header}`);
  }
  return lines.map((line) => {
    const [inseeCode, name, departement] = line.split(",");
    if (!inseeCode || !name || !departement) throw new Error(`Ligne invalide : ${line}`);
    const city = cityOfCourt(name);
    return {
      code: inseeCode,
      name,
      city,
      inseeCode,
      departement,
      bajName: `Bureau d'aide juridictionnelle du ${name.charAt(0).toLowerCase()}${name.slice(1)}`,
    };
  });
}
