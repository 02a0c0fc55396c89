import { describe, it, expect } from 'vitest';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { checkDemoPlan } from './demo-plan.js';
import { cli } from './main.js';
import { lintRfc, parseRfc, REQUIRED_SECTIONS } from './rfc-lint.js';

const EXAMPLE = fileURLToPath(new URL('./examples/rfc-multi-tenant-doc-chat.markdown', import.meta.url));
const DEMO = new URL('./examples/demo-plan.markdown', import.meta.url);

/** A minimal valid RFC; tests change one thing at a time. */
function rfc({ front = 'title: T\nstatus: draft\nauthors: [Ana]\ncreated: 2025-12-25', sections = {} as Record<string, string> } = {}) {
  const body = REQUIRED_SECTIONS.map((t) => `## ${t}\n\n${sections[t] ?? (t === 'Alternatives considered' ? '- Do nothing.\n- Schema per tenant.' : 'Some text.')}\n`);
  return `---\n${front}\n---\n\n# RFC\n\n${body.join('\n')}`;
}

const rules = (md: string) => lintRfc(md).map((f) => `${f.severity}:${f.rule}`);

describe('step 1: parsing front matter and sections', () => {
  it('reads YAML front matter and level-2 sections with their line numbers', () => {
    const doc = parseRfc('---\ntitle: X\nstatus: draft\n---\n# Title\n## Summary\nShort.\n### Detail\nMore.\n## Proposal\nDo it.');
    expect(doc.frontMatter).toEqual({ title: 'X', status: 'draft' });
    expect(doc.sections.map((s) => [s.title, s.line])).toEqual([
      ['Summary', 6],
      ['Proposal', 10],
    ]);
    expect(doc.sections[0]?.body).toContain('### Detail');
  });

  it('ignores "## " lines inside code fences', () => {
    const doc = parseRfc('## Proposal\n```md\n## Not a section\n```\nText');
    expect(doc.sections.map((s) => s.title)).toEqual(['Proposal']);
  });

  it('reports unclosed or invalid front matter instead of throwing', () => {
    expect(parseRfc('---\ntitle: X\n## Summary').frontMatterError).toMatch(/not closed/);
    expect(parseRfc('---\ntitle: [oops\n---\n').frontMatterError).toMatch(/invalid YAML/);
  });
});

describe('step 2: front matter and required sections', () => {
  it('accepts a complete RFC with no findings', () => {
    expect(lintRfc(rfc())).toEqual([]);
  });

  it('requires title, a known status, authors and an ISO date', () => {
    const findings = lintRfc(rfc({ front: 'status: done\nauthors: []\ncreated: 25/12/2025' }));
    expect(findings.map((f) => f.message)).toEqual([
      'title is required',
      expect.stringContaining('status must be one of'),
      'authors must be a non-empty list of names',
      'created must be a date written YYYY-MM-DD',
    ]);
  });

  it('reports each missing or empty required section', () => {
    const md = rfc().replace(/## Rollout plan\n\nSome text.\n/, '').replace('## Motivation\n\nSome text.', '## Motivation\n\n');
    expect(rules(md)).toEqual(expect.arrayContaining(['error:section-missing', 'error:section-empty']));
  });

  it('matches section titles case-insensitively and warns about a wrong order', () => {
    const md = rfc().replace('## Summary', '## SUMMARY').replace(/## Open questions\n\nSome text.\n/, '');
    const reordered = md.replace('## SUMMARY', '## Open questions\n\nWhich key?\n\n## SUMMARY');
    expect(rules(reordered)).toEqual(['warning:section-order']);
  });
});

describe('step 3: content rules', () => {
  it('needs at least two alternatives', () => {
    expect(rules(rfc({ sections: { 'Alternatives considered': 'We thought about it.' } }))).toEqual(['error:alternatives']);
    expect(rules(rfc({ sections: { 'Alternatives considered': '### Do nothing\nx\n### Silo\ny' } }))).toEqual([]);
  });

  it('warns when the summary is too long', () => {
    const long = Array.from({ length: 130 }, () => 'word').join(' ');
    expect(rules(rfc({ sections: { Summary: long } }))).toEqual(['warning:summary-length']);
  });

  it('flags placeholders: a warning in a draft, an error once in review', () => {
    const withTodo = { sections: { Proposal: 'Use RLS. TODO: measure.' } };
    expect(rules(rfc(withTodo))).toEqual(['warning:placeholder']);
    const inReview = rfc({ ...withTodo, front: 'title: T\nstatus: in-review\nauthors: [Ana]\ncreated: 2025-12-25' });
    expect(lintRfc(inReview)).toEqual([expect.objectContaining({ severity: 'error', rule: 'placeholder' })]);
  });

  it('warns about open questions left in an accepted RFC', () => {
    const accepted = 'title: T\nstatus: accepted\nauthors: [Ana]\ncreated: 2025-12-25';
    expect(rules(rfc({ front: accepted, sections: { 'Open questions': '- Which key?' } }))).toEqual(['warning:open-questions']);
    expect(rules(rfc({ front: accepted, sections: { 'Open questions': 'None.' } }))).toEqual([]);
  });
});

describe('step 4: the CLI on the example multi-tenant RFC', () => {
  it('passes the example RFC and exits 0', async () => {
    const out: string[] = [];
    const code = await cli([EXAMPLE], { read: (p) => readFile(p, 'utf8'), print: (l) => out.push(l) });
    expect(out).toEqual([`${EXAMPLE}: ok`]);
    expect(code).toBe(0);
  });

  it('prints file:line findings and exits 1 when there are errors', async () => {
    const out: string[] = [];
    const code = await cli(['bad.md'], { read: async () => '# Just a title\n', print: (l) => out.push(l) });
    expect(code).toBe(1);
    expect(out[0]).toMatch(/^bad\.md:1 error \[front-matter\]/);
  });
});

describe('step 5: the 5-minute demo plan', () => {
  it('accepts the example plan and computes segment lengths', async () => {
    const { segments, findings } = checkDemoPlan(await readFile(DEMO, 'utf8'));
    expect(findings).toEqual([]);
    expect(segments.map((s) => s.durationSec)).toEqual([25, 75, 40, 60, 60, 40]);
  });

  it('rejects plans that overrun, go backwards or forget the live demo', () => {
    const plan = '- 0:00 Intro\n- 2:00 Architecture\n- 1:30 Results\nend 5:30';
    const rulesFound = checkDemoPlan(plan).findings.map((f) => f.rule);
    expect(rulesFound).toEqual(
      expect.arrayContaining(['demo-segment-length', 'demo-order', 'demo-total', 'demo-missing']),
    );
  });

  it('requires an end marker and a start at 0:00', () => {
    expect(checkDemoPlan('- 0:10 Demo').findings.map((f) => f.rule)).toEqual(['demo-end', 'demo-start']);
  });
});
