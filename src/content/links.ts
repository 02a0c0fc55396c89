import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface FoundLink {
  readonly url: string;
  readonly line: number;
}

export const ALLOWLIST_FILE = 'curriculum/link-allowlist.txt';

/** The official hosts content may link to, one per line in curriculum/link-allowlist.txt. */
export function loadAllowlist(root: string): Set<string> {
  const text = readFileSync(join(root, ALLOWLIST_FILE), 'utf8');
  return new Set(text.split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#')));
}

/**
 * Links a reader can follow in Markdown: `[text](url)`, `<url>` and bare URLs, outside fenced code blocks and
 * inline code (where URLs are example values such as http://localhost:3000, not links).
 */
export function extractLinks(markdown: string): FoundLink[] {
  const out: FoundLink[] = [];
  let inFence = false;
  markdown.split('\n').forEach((raw, i) => {
    if (/^\s*(```|~~~)/.test(raw)) {
      inFence = !inFence;
      return;
    }
    if (inFence) return;
    const line = raw.replace(/`[^`]*`/g, '');
    const seen = new Set<string>();
    for (const m of line.matchAll(/\]\((https?:\/\/[^)\s]+)(?:\s+"[^"]*")?\)/g)) seen.add(m[1]!);
    for (const m of line.matchAll(/<(https?:\/\/[^>\s]+)>/g)) seen.add(m[1]!);
    for (const m of line.matchAll(/(?<![(<])\bhttps?:\/\/[^\s)>\]"'`]+/g)) if (![...seen].some((s) => s.startsWith(m[0]))) seen.add(m[0]);
    for (const url of seen) out.push({ url: url.replace(/[.,;:]+$/, ''), line: i + 1 });
  });
  return out;
}

/** Why a link is not acceptable (malformed, not https, or a host off the allow-list), or null when it is. */
export function linkProblem(url: string, allow: ReadonlySet<string>): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `malformed URL ${url}`;
  }
  if (parsed.protocol !== 'https:') return `not https: ${url}`;
  if (!allow.has(parsed.hostname)) return `host ${parsed.hostname} is not in ${ALLOWLIST_FILE}: ${url}`;
  return null;
}
