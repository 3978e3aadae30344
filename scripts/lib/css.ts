import path from "node:path";

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
