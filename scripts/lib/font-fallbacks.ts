/**
 * Fallback faces drawn to Marianne's measures (decision 043). Until a weight of Marianne arrives,
 * the browser writes with the next font of the list; a fallback wider or narrower than Marianne
 * breaks lines elsewhere, and when Marianne arrives the text below moves (layout shift). Each face
 * here is a font already on the device (`local()`), scaled so that its average letter is as wide
 * as Marianne's (`size-adjust`), with Marianne's ascent, descent and line gap: the same words
 * take about the same room, and the page barely moves when Marianne replaces it.
 *
 * One face per usual device font and per weight the DSFR uses; a face whose font the device lacks
 * is skipped by the browser, which tries the next family of the list.
 */

/** A font's vertical metrics and average letter width (latin text), in its own units. */
export type FontMetrics = {
  ascent: number;
  descent: number;
  lineGap: number;
  unitsPerEm: number;
  xWidthAvg: number;
};

type Weight = 400 | 500 | 700;

/**
 * Marianne (the DSFR's files, dsfr/fonts/Marianne-*.woff2) and the fallbacks, measured with
 * @capsizecss/unpack 4.0.1 (`fromFile`; `xWidthAvg` is the average width of latin letters weighted
 * by how often they occur). Arial and Roboto as @capsizecss/metrics 4.3.0 publishes them; DejaVu
 * Sans (Linux's usual sans-serif, this machine's) from Debian's fonts-dejavu-core files.
 */
const MARIANNE: Record<Weight, FontMetrics> = {
  400: { ascent: 1100, descent: -400, lineGap: 0, unitsPerEm: 1000, xWidthAvg: 488 },
  500: { ascent: 1100, descent: -400, lineGap: 0, unitsPerEm: 1000, xWidthAvg: 489 },
  700: { ascent: 1100, descent: -400, lineGap: 0, unitsPerEm: 1000, xWidthAvg: 491 },
};

const ARIAL: FontMetrics = {
  ascent: 1854,
  descent: -434,
  lineGap: 67,
  unitsPerEm: 2048,
  xWidthAvg: 913,
};
const ARIAL_BOLD: FontMetrics = { ...ARIAL, xWidthAvg: 983 };
const ROBOTO: FontMetrics = {
  ascent: 1900,
  descent: -500,
  lineGap: 0,
  unitsPerEm: 2048,
  xWidthAvg: 911,
};
const DEJAVU: FontMetrics = {
  ascent: 1901,
  descent: -483,
  lineGap: 0,
  unitsPerEm: 2048,
  xWidthAvg: 1041,
};

type Face = { local: string[]; metrics: FontMetrics };

/** The device fonts, in the order they are tried; for each weight, the face that stands in. */
export const FALLBACKS: { family: string; faces: Record<Weight, Face> }[] = [
  {
    family: "Arial",
    faces: {
      400: { local: ["Arial", "ArialMT"], metrics: ARIAL },
      // Arial has no medium weight: its regular face stands in for Marianne Medium.
      500: { local: ["Arial", "ArialMT"], metrics: ARIAL },
      700: { local: ["Arial Bold", "Arial-BoldMT"], metrics: ARIAL_BOLD },
    },
  },
  {
    family: "Roboto",
    faces: {
      400: { local: ["Roboto", "Roboto-Regular"], metrics: ROBOTO },
      500: { local: ["Roboto Medium", "Roboto-Medium"], metrics: { ...ROBOTO, xWidthAvg: 919 } },
      700: { local: ["Roboto Bold", "Roboto-Bold"], metrics: { ...ROBOTO, xWidthAvg: 926 } },
    },
  },
  {
    family: "DejaVu Sans",
    faces: {
      400: { local: ["DejaVu Sans", "DejaVuSans"], metrics: DEJAVU },
      500: { local: ["DejaVu Sans", "DejaVuSans"], metrics: DEJAVU },
      700: {
        local: ["DejaVu Sans Bold", "DejaVuSans-Bold"],
        metrics: { ...DEJAVU, xWidthAvg: 1176 },
      },
    },
  },
];

/** The latin characters Marianne draws: others fall back as before, to the fonts after these. */
const LATIN =
  "U+0000-00FF,U+0131,U+0152-0153,U+02BB-02BC,U+02C6,U+02DA,U+02DC,U+2000-206F,U+20AC,U+2122,U+2212";

const percent = (value: number) => `${(value * 100).toFixed(2)}%`;

/** How a fallback face is drawn to Marianne's measures. */
export function adjustments(marianne: FontMetrics, fallback: FontMetrics) {
  const sizeAdjust =
    marianne.xWidthAvg / marianne.unitsPerEm / (fallback.xWidthAvg / fallback.unitsPerEm);
  const override = (value: number) => Math.abs(value) / marianne.unitsPerEm / sizeAdjust;
  return {
    sizeAdjust,
    ascentOverride: override(marianne.ascent),
    descentOverride: override(marianne.descent),
    lineGapOverride: override(marianne.lineGap),
  };
}

export const fallbackFamily = (family: string) => `Marianne secours ${family}`;

/** The `@font-face` rules of the fallbacks. */
export function fallbackFaces(): string {
  return FALLBACKS.flatMap(({ family, faces }) =>
    ([400, 500, 700] as const).map((weight) => {
      const face = faces[weight];
      const adjusted = adjustments(MARIANNE[weight], face.metrics);
      return (
        `@font-face{font-family:"${fallbackFamily(family)}";font-style:normal;font-weight:${weight};` +
        `src:${face.local.map((name) => `local("${name}")`).join(",")};` +
        `size-adjust:${percent(adjusted.sizeAdjust)};ascent-override:${percent(adjusted.ascentOverride)};` +
        `descent-override:${percent(adjusted.descentOverride)};line-gap-override:${percent(adjusted.lineGapOverride)};` +
        `unicode-range:${LATIN}}`
      );
    }),
  ).join("\n");
}

const DSFR_STACK = "font-family:Marianne,arial,sans-serif";

/**
 * The DSFR's Marianne stack with the fallbacks between Marianne and the DSFR's own fallbacks.
 * Throws if a Marianne stack is written otherwise (a new DSFR): it would be left without them.
 */
export function withFallbacks(css: string): string {
  const stacks = css.match(/font-family:\s*["']?Marianne["']?\s*,/g) ?? [];
  const known = css.split(DSFR_STACK).length - 1;
  if (stacks.length === 0 || stacks.length !== known) {
    throw new Error(
      `Piles de polices Marianne : ${stacks.length}, dont ${known} écrites « ${DSFR_STACK} » ; ` +
        "adaptez scripts/lib/font-fallbacks.ts au DSFR.",
    );
  }
  const stack = `font-family:Marianne,${FALLBACKS.map(({ family }) => `"${fallbackFamily(family)}"`).join(",")},arial,sans-serif`;
  return css.replaceAll(DSFR_STACK, stack);
}
