// A linter for RFC / design-doc Markdown: front matter, required sections, and a
// few content rules that reviewers otherwise have to point out by hand.
import { parse as parseYaml } from 'yaml';

export interface Section {
  title: string;
  line: number; // 1-based line of the "## " heading
  body: string; // text until the next "## " heading (### sub-headings included)
}

export interface ParsedRfc {
  frontMatter?: Record<string, unknown>;
  frontMatterError?: string;
  sections: Section[];
}

export interface Finding {
  rule: string;
  severity: 'error' | 'warning';
  message: string;
  line: number;
}

// Step 1 — parse front matter and level-2 sections (ignoring headings inside code fences).
export function parseRfc(markdown: string): ParsedRfc {
  const lines = markdown.replace(/\r\n/g, '\n').split('\n');
  const result: ParsedRfc = { sections: [] };
  let start = 0;
  if (lines[0] === '---') {
    const end = lines.indexOf('---', 1);
    if (end === -1) {
      result.frontMatterError = 'front matter is not closed with ---';
    } else {
      try {
        const data: unknown = parseYaml(lines.slice(1, end).join('\n'));
        if (typeof data === 'object' && data !== null && !Array.isArray(data)) {
          result.frontMatter = data as Record<string, unknown>;
        } else {
          result.frontMatterError = 'front matter must be a YAML mapping';
        }
      } catch (err) {
        result.frontMatterError = `invalid YAML: ${(err as Error).message.split('\n')[0]}`;
      }
      start = end + 1;
    }
  }
  let inFence = false;
  let current: Section | undefined;
  for (let i = start; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (/^\s*(```|~~~)/.test(line)) inFence = !inFence;
    const heading = !inFence && /^##\s+(.+?)\s*#*\s*$/.exec(line);
    if (heading) {
      current = { title: heading[1] ?? '', line: i + 1, body: '' };
      result.sections.push(current);
    } else if (current) {
      current.body += line + '\n';
    }
  }
  return result;
}

export const REQUIRED_SECTIONS = [
  'Summary',
  'Motivation',
  'Goals and non-goals',
  'Proposal',
  'Alternatives considered',
  'Risks and mitigations',
  'Rollout plan',
  'Open questions',
] as const;

export const STATUSES = ['draft', 'in-review', 'accepted', 'rejected', 'superseded'] as const;

const words = (text: string) => text.match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu)?.length ?? 0;
const norm = (title: string) => title.trim().toLowerCase();

// Steps 2 and 3 — structure rules, then content rules.
export function lintRfc(markdown: string, { maxSummaryWords = 120 } = {}): Finding[] {
  const doc = parseRfc(markdown);
  const findings: Finding[] = [];
  const add = (rule: string, severity: Finding['severity'], message: string, line = 1) =>
    findings.push({ rule, severity, message, line });

  const fm = doc.frontMatter;
  if (!fm) add('front-matter', 'error', doc.frontMatterError ?? 'missing front matter (--- … ---)');
  const status = typeof fm?.status === 'string' ? fm.status : undefined;
  if (fm) {
    if (typeof fm.title !== 'string' || !fm.title.trim()) add('front-matter', 'error', 'title is required');
    if (!status || !(STATUSES as readonly string[]).includes(status)) {
      add('front-matter', 'error', `status must be one of: ${STATUSES.join(', ')}`);
    }
    const authors = fm.authors;
    if (!Array.isArray(authors) || authors.length === 0 || !authors.every((a) => typeof a === 'string' && a.trim())) {
      add('front-matter', 'error', 'authors must be a non-empty list of names');
    }
    const created = String(fm.created ?? '');
    if (!/^\d{4}-\d{2}-\d{2}$/.test(created) || Number.isNaN(Date.parse(created))) {
      add('front-matter', 'error', 'created must be a date written YYYY-MM-DD');
    }
  }

  const byTitle = new Map(doc.sections.map((s) => [norm(s.title), s]));
  let lastIndex = -1;
  for (const title of REQUIRED_SECTIONS) {
    const section = byTitle.get(norm(title));
    if (!section) {
      add('section-missing', 'error', `missing section "## ${title}"`);
      continue;
    }
    const index = doc.sections.indexOf(section);
    if (index < lastIndex) add('section-order', 'warning', `"${title}" should come later, in the template order`, section.line);
    lastIndex = Math.max(lastIndex, index);
    if (words(section.body) === 0) add('section-empty', 'error', `section "${title}" is empty`, section.line);
  }

  const summary = byTitle.get('summary');
  if (summary && words(summary.body) > maxSummaryWords) {
    add('summary-length', 'warning', `summary has ${words(summary.body)} words; keep it under ${maxSummaryWords}`, summary.line);
  }

  const alternatives = byTitle.get('alternatives considered');
  if (alternatives) {
    const options = alternatives.body.split('\n').filter((l) => /^(\s*([-*]|\d+\.)\s+\S|###\s+\S)/.test(l)).length;
    if (options < 2) {
      add('alternatives', 'error', 'list at least two alternatives (bullets or ### headings), including "do nothing"', alternatives.line);
    }
  }

  const open = byTitle.get('open questions');
  if (status === 'accepted' && open && !/^\s*(none\.?|n\/a)?\s*$/i.test(open.body)) {
    add('open-questions', 'warning', 'an accepted RFC should have no open questions (write "None")', open.line);
  }

  markdown.split('\n').forEach((line, i) => {
    if (/\b(TODO|TBD|FIXME|XXX)\b|\?\?\?/.test(line)) {
      add('placeholder', status === 'draft' ? 'warning' : 'error', `placeholder left in: ${line.trim().slice(0, 60)}`, i + 1);
    }
  });

  return findings.sort((a, b) => a.line - b.line);
}

export function formatFinding(file: string, f: Finding): string {
  return `${file}:${f.line} ${f.severity} [${f.rule}] ${f.message}`;
}
