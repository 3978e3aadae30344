/**
 * Marianne in two files per face (decision 044). The DSFR's files draw 597 characters, about half
 * of them for languages other than French (Vietnamese, Central European, phonetic and combining
 * marks): 41 to 45 kB each, three of them on every page. Each face is cut in two, as Google Fonts
 * does: the characters French pages use (`main`, about 22 kB) and the rest (`extended`), each
 * declared with its `unicode-range`. The browser fetches the extended file only for a page that
 * holds one of its characters (a name such as « Łukasz » or « Nguyễn »); every character keeps
 * Marianne's drawing, kerning and ligatures (all layout features are kept).
 *
 * The cut itself is HarfBuzz's subsetter (`subset-font`, WebAssembly): no binary is downloaded.
 */
import { createHash } from "node:crypto";
import { readFile, writeFile } from "node:fs/promises";
import fontverter from "fontverter";
import { Face, Blob as FontBlob } from "harfbuzzjs";
import subsetFont from "subset-font";

/**
 * Outside the main file: Latin Extended-A and B, IPA, spacing modifiers, combining marks and Latin
 * Extended Additional… A letter and its accent typed apart (« e » then U+0301, as text pasted from
 * a PDF may be) would be split between the two files and drawn by a device font: the forms store
 * text composed (`trimmed` in app/forms/fields.ts), as French keyboards type it. Keeping the
 * combining marks in the main file instead would cost 1.5 kB per weight on every page.
 */
const EXTENDED_BLOCKS: [number, number][] = [
  [0x0100, 0x036f],
  [0x1e00, 0x1eff],
];
/**
 * …except what French text and the usual typography need: dotless i, Œ œ, Ÿ (L'Haÿ-les-Roses is
 * written L'HAŸ in capitals), the apostrophe-like modifiers, the circumflex, ring and tilde
 * accents, and the combining macron, diaeresis and vertical line below (the same list as Google
 * Fonts' latin subset).
 */
const FRENCH = new Set([
  0x0131, 0x0152, 0x0153, 0x0178, 0x02bb, 0x02bc, 0x02c6, 0x02da, 0x02dc, 0x0304, 0x0308, 0x0329,
]);

export const isExtended = (codePoint: number) =>
  !FRENCH.has(codePoint) &&
  EXTENDED_BLOCKS.some(([first, last]) => codePoint >= first && codePoint <= last);

/** The characters a font file (woff2, woff or TrueType) draws, from its character map. */
export async function fontCharacters(font: Uint8Array): Promise<number[]> {
  const face = new Face(new FontBlob(await fontverter.convert(font, "truetype")), 0);
  return [...face.collectUnicodes()];
}

/** A font's characters, split between the main file and the extended one. */
export function splitCharacters(codePoints: Iterable<number>): {
  main: number[];
  extended: number[];
} {
  const sorted = [...new Set(codePoints)].sort((a, b) => a - b);
  return {
    main: sorted.filter((codePoint) => !isExtended(codePoint)),
    extended: sorted.filter(isExtended),
  };
}

const hex = (codePoint: number) => codePoint.toString(16).toUpperCase().padStart(4, "0");

/** A CSS `unicode-range` value for these characters, runs of consecutive ones as ranges. */
export function unicodeRange(codePoints: readonly number[]): string {
  const sorted = [...new Set(codePoints)].sort((a, b) => a - b);
  const runs: string[] = [];
  for (let index = 0; index < sorted.length; ) {
    const first = sorted[index] as number;
    let last = first;
    while (sorted[index + 1] === last + 1) {
      index++;
      last++;
    }
    index++;
    runs.push(first === last ? `U+${hex(first)}` : `U+${hex(first)}-${hex(last)}`);
  }
  return runs.join(",");
}

/** Where the two files of a face are written, beside the DSFR's own. */
export const subsetFile = (file: string, part: "main" | "extended") =>
  file.replace(/\.woff2$/, `.${part}.woff2`);

/**
 * A part's address, relative like `file`, with its version: the DSFR's files are kept 7 days by
 * browsers, and what a part holds may change without the DSFR changing (this module, HarfBuzz).
 */
export const subsetAddress = (file: string, face: SubsetFace) =>
  `${subsetFile(file, face.part)}?v=${face.version}`;

/** A part written: which, its characters, and a hash of its bytes (the address's `?v=`). */
export type SubsetFace = { part: "main" | "extended"; unicodeRange: string; version: string };

/**
 * Cuts a woff2 file in two, written beside it (`subsetFile`). Returns the parts written with their
 * ranges; a font without extended characters gives its main part only.
 */
export async function subsetWoff2(file: string): Promise<SubsetFace[]> {
  const font = await readFile(file);
  const parts = splitCharacters(await fontCharacters(font));
  const written: SubsetFace[] = [];
  for (const part of ["main", "extended"] as const) {
    const codePoints = parts[part];
    if (codePoints.length === 0) continue;
    const subset = await subsetFont(font, String.fromCodePoint(...codePoints), {
      targetFormat: "woff2",
    });
    await writeFile(subsetFile(file, part), subset);
    written.push({
      part,
      unicodeRange: unicodeRange(codePoints),
      version: createHash("sha256").update(subset).digest("hex").slice(0, 12),
    });
  }
  return written;
}

const MARIANNE_FACE =
  /@font-face\{([^{}]*?font-family:Marianne;[^{}]*?)src:url\((fonts\/Marianne-[\w-]+)\.woff2\) format\("woff2"\),url\(\2\.woff\) format\("woff"\)\}/g;

/** The woff2 files of the stylesheet's Marianne faces, relative to it. */
export const marianneFiles = (css: string) =>
  [...css.matchAll(MARIANNE_FACE)].map((match) => `${match[2]}.woff2`);

/**
 * Each Marianne face of the DSFR replaced by one face per subset, with its range; the woff files
 * stay the fallback of both (browsers without woff2: the whole font). `subsets` by woff2 file,
 * relative to the stylesheet. Throws if a Marianne face is written otherwise (a new DSFR).
 */
export function withSubsets(css: string, subsets: Map<string, SubsetFace[]>): string {
  const faces = css.match(/@font-face\{[^{}]*font-family:Marianne;[^{}]*\}/g) ?? [];
  const known = marianneFiles(css);
  if (faces.length === 0 || faces.length !== known.length) {
    throw new Error(
      `Polices Marianne : ${faces.length} @font-face, dont ${known.length} écrites comme le DSFR ` +
        "les écrit aujourd'hui ; adaptez scripts/lib/font-subsets.ts au DSFR.",
    );
  }
  return css.replace(MARIANNE_FACE, (_whole, descriptors: string, base: string) => {
    const parts = subsets.get(`${base}.woff2`);
    if (!parts?.length) throw new Error(`${base}.woff2 : police non découpée`);
    return parts
      .map(
        (part) =>
          `@font-face{${descriptors}src:url(${subsetAddress(`${base}.woff2`, part)}) format("woff2"),` +
          `url(${base}.woff) format("woff");unicode-range:${part.unicodeRange}}`,
      )
      .join("\n");
  });
}
