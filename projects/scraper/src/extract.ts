import { parse, type HTMLElement } from 'node-html-parser';
import { fetchableUrl, normaliseUrl } from './normalise-url.js';

export interface Heading {
  readonly level: number;
  readonly text: string;
}

export interface ExtractedPage {
  readonly title: string;
  readonly headings: Heading[];
  /** Main text, whitespace collapsed, without navigation, header, footer, scripts or styles. */
  readonly text: string;
  /** Absolute http(s) links without fragments, deduplicated by normalised URL, in document order. */
  readonly links: string[];
}

const BOILERPLATE = 'script, style, noscript, template, nav, header, footer, aside';

function resolveBase(href: string, pageUrl: string): string {
  try {
    return new URL(href, pageUrl).href;
  } catch {
    return pageUrl;
  }
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * Extracts title, headings, main text and links from an HTML document. The main text comes from `<main>`, else
 * `<article>`, else `<body>`, minus boilerplate, because documentation sites repeat their navigation on every
 * page and it would drown the content. Links are resolved against `<base href>` when present, else `pageUrl`.
 */
export function extractPage(html: string, pageUrl: string): ExtractedPage {
  const root = parse(html, { blockTextElements: { script: false, style: false, noscript: false, pre: true } });
  const baseHref = root.querySelector('base[href]')?.getAttribute('href');
  // The base is resolved, not normalised: dropping its trailing slash would change what relative links mean.
  const base = baseHref ? resolveBase(baseHref, pageUrl) : pageUrl;

  const links: string[] = [];
  const seen = new Set<string>();
  for (const a of root.querySelectorAll('a[href]')) {
    const url = fetchableUrl(a.getAttribute('href') ?? '', base);
    const key = url && normaliseUrl(url);
    if (url && key && !seen.has(key)) {
      seen.add(key);
      links.push(url);
    }
  }

  const headings = root.querySelectorAll('h1, h2, h3, h4, h5, h6').map((h) => ({
    level: Number(h.tagName.slice(1)),
    text: collapse(h.text),
  }));
  const title = collapse(root.querySelector('title')?.text ?? '') || (headings[0]?.text ?? '');

  const main: HTMLElement = root.querySelector('main') ?? root.querySelector('article') ?? root.querySelector('body') ?? root;
  for (const node of main.querySelectorAll(BOILERPLATE)) node.remove();
  return { title, headings, text: collapse(main.structuredText), links };
}
