/**
 * ADR-001 in MADR form: the file exists and each of its sections (context, decision drivers, considered
 * options, decision outcome, consequences) is there and written — a few sentences, not the template's
 * placeholders.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const MADR_SECTIONS = [
  { name: 'context and problem statement', heading: /context/i },
  { name: 'decision drivers', heading: /drivers?/i },
  { name: 'considered options', heading: /options/i },
  { name: 'decision outcome', heading: /decision(\s+outcome)?$|outcome/i },
  { name: 'consequences', heading: /consequences/i },
] as const;

/** Words below which a section is a stub. */
export const MIN_SECTION_WORDS = 25;

// What MADR's template and common stubs leave behind.
const PLACEHOLDER = /\{[^}\n]{3,}\}|\[(e\.g\.|short title|describe|option \d)[^\]]*\]|\bTBD\b|\bTODO\b|lorem ipsum|<!--\s*(optional|describe)/i;

export interface AdrReport {
  /** Relative path of the ADR found, or null. */
  readonly file: string | null;
  readonly sectionsFilled: number;
  readonly problems: readonly string[];
}

/** Finds ADR-001 (docs/adr/0001-*.md, or 001-/1- or adr/ at the root) and judges its sections. */
export function checkAdr(projectDir: string): AdrReport {
  const dirs = ['docs/adr', 'docs/decisions', 'adr', 'doc/adr'];
  let file: string | null = null;
  for (const d of dirs) {
    if (!existsSync(join(projectDir, d))) continue;
    const found = readdirSync(join(projectDir, d)).find((f) => /^(adr-?)?0*1[-_].*\.md$/i.test(f));
    if (found) {
      file = `${d}/${found}`;
      break;
    }
  }
  if (!file) return { file: null, sectionsFilled: 0, problems: ['no ADR-001: write docs/adr/0001-hexagonal-workspaces.md (MADR: context, decision drivers, considered options, decision outcome, consequences)'] };
  const text = readFileSync(join(projectDir, file), 'utf8');
  // Sections by heading (## or ###); a section's body runs to the next heading of the same or a higher level.
  const parts: { heading: string; body: string }[] = [];
  for (const block of text.split(/^(?=#{2,3}\s)/m)) {
    const m = /^#{2,3}\s+(.+)\n([\s\S]*)$/.exec(block);
    if (m) parts.push({ heading: m[1]!.trim(), body: m[2]! });
  }
  const problems: string[] = [];
  let filled = 0;
  for (const s of MADR_SECTIONS) {
    const part = parts.find((p) => s.heading.test(p.heading));
    if (!part) {
      problems.push(`${file} has no "${s.name}" section (a ## heading)`);
      continue;
    }
    const words = part.body.replace(/<!--[\s\S]*?-->/g, '').split(/\s+/).filter((w) => /\w/.test(w)).length;
    // Code (an exports object, a command) is the ADR's content, never a template's placeholder.
    const placeholder = PLACEHOLDER.exec(part.body.replace(/^(```|~~~)[\s\S]*?^\1/gm, '').replace(/`[^`\n]*`/g, ''));
    if (placeholder) problems.push(`${file}: "${part.heading}" still holds template text (${placeholder[0].slice(0, 40)}): write what was decided here`);
    else if (words < MIN_SECTION_WORDS) problems.push(`${file}: "${part.heading}" has ${words} words: say it in a few sentences (at least ${MIN_SECTION_WORDS} words)`);
    else filled++;
  }
  return { file, sectionsFilled: filled, problems };
}
