/**
 * The scan's surface. An API has no links to crawl, so the verifier names its endpoints: each a template
 * (`/documents/:id`) with the concrete values of this run (`/documents/612`), so the tools attack the real URLs
 * and a rerun with other ids still compares by template.
 */
export interface Endpoint {
  readonly method: 'GET';
  /** The template: `:name` segments are parameters. */
  readonly template: string;
  /** Concrete: `/documents/42`. */
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  /** Names of the template's parameter segments, in order. */
  readonly pathParams: readonly string[];
}

/** `endpoint('/documents/:id', { id: 42 }, { limit: '5' })`; every `:name` of the template needs a value. */
export function endpoint(template: string, params: Readonly<Record<string, string | number>> = {}, query: Readonly<Record<string, string>> = {}): Endpoint {
  const pathParams: string[] = [];
  const path = template.replace(/:([A-Za-z_][\w]*)/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`endpoint ${template}: no value for :${name}`);
    pathParams.push(name);
    return encodeURIComponent(String(value));
  });
  return { method: 'GET', template, path, query, pathParams };
}

export function endpointLabel(e: Endpoint): string {
  return `${e.method} ${e.template}`;
}

/** The endpoint's concrete URL on `baseUrl`, with its query. */
export function endpointUrl(baseUrl: string, e: Endpoint, override: { readonly query?: Readonly<Record<string, string>>; readonly path?: string } = {}): string {
  const url = new URL((override.path ?? e.path).replace(/^\/*/, '/'), baseUrl.replace(/\/+$/, '') + '/');
  for (const [k, v] of Object.entries(override.query ?? e.query)) url.searchParams.set(k, v);
  return url.toString();
}

/**
 * The template a concrete URL belongs to (`GET /documents/:id` for `/documents/977?x=1`), or undefined when it is
 * not on the surface. Concrete paths are tried first, then templates with any value in their parameter segments.
 */
export function templateOf(endpoints: readonly Endpoint[], method: string, url: string): string | undefined {
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(url, 'http://x').pathname);
  } catch {
    return undefined;
  }
  const same = endpoints.filter((e) => e.method === method.toUpperCase());
  const exact = same.find((e) => decodeURIComponent(e.path) === pathname);
  if (exact) return endpointLabel(exact);
  const segments = pathname.split('/');
  const literals = (e: Endpoint): number => e.template.split('/').filter((s) => !s.startsWith(':')).length;
  // The most specific template wins: `/documents/by-slug/:slug` before `/documents/:id/:part`.
  const match = same
    .filter((e) => {
      const t = e.template.split('/');
      return t.length === segments.length && t.every((s, i) => s.startsWith(':') || s === segments[i]);
    })
    .sort((a, b) => literals(b) - literals(a))[0];
  return match ? endpointLabel(match) : undefined;
}
