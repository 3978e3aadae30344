import path from "node:path";
import svgToMiniDataURI from "mini-svg-data-uri";

const URL_FUNCTION = /url\((["']?)([^)"']+)\1\)/g;
/** Not data, not another scheme, not from the root, not a fragment. */
const isRelative = (url: string) => !/^(data:|[a-z]+:|\/|#)/i.test(url);

/** The relative addresses a stylesheet's `url()`s point at, without query or fragment, once each. */
export function localUrls(css: string): string[] {
  const urls = [...css.matchAll(URL_FUNCTION)].map((match) => match[2] ?? "").filter(isRelative);
  return [...new Set(urls.map((url) => url.replace(/[?#].*$/, "")))];
}

/** Rewrites a stylesheet's relative `url()`s, read from `from`, to stay right from `to`. */
export function relocateUrls(css: string, from: string, to: string): string {
  return css.replace(URL_FUNCTION, (whole, quote: string, url: string) => {
    if (!isRelative(url)) return whole;
    const target = path.posix.relative(
      path.posix.dirname(to),
      path.posix.join(path.posix.dirname(from), url),
    );
    return `url(${quote}${target}${quote})`;
  });
}

/**
 * The stylesheet with each relative `url()` of an SVG file written in it as a `data:` address
 * (`read` gives a file's text from its address; the same file read once). The DSFR's icons are
 * 150 to 500 bytes each, drawn as masks: each one a page shows was a request of its own, about
 * 1 kB of headers for a few hundred bytes, and the icon appeared only once it arrived.
 */
export function inlineSvgs(css: string, read: (url: string) => string): string {
  const inlined = new Map<string, string>();
  return css.replace(URL_FUNCTION, (whole, _quote: string, url: string) => {
    if (!isRelative(url) || !/\.svg$/i.test(url)) return whole;
    let data = inlined.get(url);
    if (data === undefined) {
      data = svgToMiniDataURI(read(url).trim());
      inlined.set(url, data);
    }
    return `url("${data}")`;
  });
}
