/**
 * Every page of both sides through Lighthouse (mobile profile: a mid-range phone on a slow 4G,
 * simulated), in Debian's Chromium, each page `runs` times: performance score, LCP, TBT, CLS, bytes
 * of JavaScript and CSS as transferred (compressed), total bytes and requests, on a first visit
 * (Lighthouse empties the cache before each run). Logged-in pages get the session cookie. Each
 * run's whole report is kept in .data/bench/lighthouse/ (open it in the Lighthouse viewer to see
 * where the time goes: long tasks, the critical chain, the main thread's work by script); with
 * `keepTraces`, Chromium's trace of each run too (`<page>-<run>.trace.json`, for the Performance
 * panel of Chromium's developer tools).
 */
import { mkdir, writeFile } from "node:fs/promises";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import { type Summary, summarize } from "./stats";

export type PageTarget = {
  label: string;
  path: string;
  side: "citizen" | "agent";
  cookie?: string;
};

export type PageResult = {
  label: string;
  path: string;
  side: "citizen" | "agent";
  score: Summary;
  lcpMs: Summary;
  tbtMs: Summary;
  cls: Summary;
  jsBytes: Summary;
  cssBytes: Summary;
  fontBytes: Summary;
  totalBytes: Summary;
  requests: Summary;
};

const REPORTS = ".data/bench/lighthouse";

/** A page's label as a file name: « Étape 3 : procédure » → etape-3-procedure. */
export const slug = (label: string) =>
  label
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");

type NetworkItem = { resourceType?: string; transferSize?: number };

export async function benchPages(
  base: string,
  targets: PageTarget[],
  runs: number,
  onPage: (label: string) => void = () => {},
  keepTraces = false,
): Promise<PageResult[]> {
  const chrome = await chromeLauncher.launch({
    chromePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
    chromeFlags: [
      "--headless=new",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-dev-shm-usage",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
  const results: PageResult[] = [];
  await mkdir(REPORTS, { recursive: true });
  try {
    for (const target of targets) {
      onPage(target.label);
      const measures: Record<Exclude<keyof PageResult, "label" | "path" | "side">, number[]> = {
        score: [],
        lcpMs: [],
        tbtMs: [],
        cls: [],
        jsBytes: [],
        cssBytes: [],
        fontBytes: [],
        totalBytes: [],
        requests: [],
      };
      for (let run = 0; run < runs; run++) {
        // Chromium's trace now and then misses the navigation's start (NO_NAVSTART): such a run
        // measured nothing and is done again, twice at most.
        let result: Awaited<ReturnType<typeof lighthouse>>;
        let lhr: NonNullable<typeof result>["lhr"] | undefined;
        for (let attempt = 1; attempt <= 3; attempt++) {
          result = await lighthouse(`${base}${target.path}`, {
            port: chrome.port,
            output: "json",
            logLevel: "error",
            onlyCategories: ["performance"],
            extraHeaders: target.cookie ? { Cookie: target.cookie } : undefined,
          });
          lhr = result?.lhr;
          if (lhr && !lhr.runtimeError) break;
          if (attempt === 3) {
            throw new Error(
              `Lighthouse, ${target.path} : ${lhr?.runtimeError?.message ?? "aucun résultat"}`,
            );
          }
        }
        if (!lhr) throw new Error(`Lighthouse, ${target.path} : aucun résultat`);
        if (
          lhr.finalDisplayedUrl.replace(/\/$/, "") !== `${base}${target.path}`.replace(/\/$/, "")
        ) {
          throw new Error(`Lighthouse, ${target.path} : redirigé vers ${lhr.finalDisplayedUrl}`);
        }
        const items = ((lhr.audits["network-requests"]?.details as { items?: NetworkItem[] })
          ?.items ?? []) as NetworkItem[];
        const bytesOf = (type: string) =>
          items
            .filter((item) => item.resourceType === type)
            .reduce((sum, item) => sum + (item.transferSize ?? 0), 0);
        const report = `${REPORTS}/${slug(target.label)}-${run + 1}`;
        await writeFile(`${report}.json`, JSON.stringify(lhr));
        if (keepTraces && result?.artifacts.Trace) {
          await writeFile(`${report}.trace.json`, JSON.stringify(result.artifacts.Trace));
        }
        measures.score.push(lhr.categories.performance?.score ?? 0);
        measures.lcpMs.push(lhr.audits["largest-contentful-paint"]?.numericValue ?? Number.NaN);
        measures.tbtMs.push(lhr.audits["total-blocking-time"]?.numericValue ?? Number.NaN);
        measures.cls.push(lhr.audits["cumulative-layout-shift"]?.numericValue ?? Number.NaN);
        measures.jsBytes.push(bytesOf("Script"));
        measures.cssBytes.push(bytesOf("Stylesheet"));
        measures.fontBytes.push(bytesOf("Font"));
        measures.totalBytes.push(lhr.audits["total-byte-weight"]?.numericValue ?? Number.NaN);
        measures.requests.push(items.length);
      }
      results.push({
        label: target.label,
        path: target.path,
        side: target.side,
        ...(Object.fromEntries(
          Object.entries(measures).map(([key, values]) => [key, summarize(values)]),
        ) as Omit<PageResult, "label" | "path" | "side">),
      });
    }
  } finally {
    chrome.kill();
  }
  return results;
}
