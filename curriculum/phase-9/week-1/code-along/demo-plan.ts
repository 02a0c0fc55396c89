// Step 5 — a 5-minute demo is a script with a clock. This checks the plan:
//   - 0:00 Problem: who suffers and why
//   - 0:30 Live demo: ask Doc-Chat a question
//   ...
//   end 5:00
import type { Finding } from './rfc-lint.js';

export interface Segment {
  startSec: number;
  title: string;
  line: number;
  durationSec: number;
}

const toSec = (m: string, s: string) => Number(m) * 60 + Number(s);

export function checkDemoPlan(
  text: string,
  { maxTotalSec = 300, maxSegmentSec = 90 } = {},
): { segments: Segment[]; findings: Finding[] } {
  const findings: Finding[] = [];
  const add = (rule: string, severity: Finding['severity'], message: string, line: number) =>
    findings.push({ rule, severity, message, line });
  const raw: Array<{ startSec: number; title: string; line: number }> = [];
  let end: { sec: number; line: number } | undefined;

  text.split('\n').forEach((l, i) => {
    const seg = /^\s*[-*]\s*(\d+):([0-5]\d)\s+(.+)$/.exec(l);
    const fin = /^\s*end\s+(\d+):([0-5]\d)\s*$/i.exec(l);
    if (seg) raw.push({ startSec: toSec(seg[1] ?? '0', seg[2] ?? '0'), title: (seg[3] ?? '').trim(), line: i + 1 });
    if (fin) end = { sec: toSec(fin[1] ?? '0', fin[2] ?? '0'), line: i + 1 };
  });

  if (raw.length === 0) add('demo-empty', 'error', 'no "- m:ss Title" segments found', 1);
  if (!end) add('demo-end', 'error', 'add an "end m:ss" line so the last segment has a length', 1);
  if (raw[0] && raw[0].startSec !== 0) add('demo-start', 'error', 'the first segment must start at 0:00', raw[0].line);

  const segments = raw.map((s, i) => ({ ...s, durationSec: (raw[i + 1]?.startSec ?? end?.sec ?? s.startSec) - s.startSec }));
  for (const [i, s] of segments.entries()) {
    if (!end && i === segments.length - 1) continue; // unknown length, already reported
    if (s.durationSec <= 0) add('demo-order', 'error', `"${s.title}" does not start after the previous segment`, s.line);
    else if (s.durationSec > maxSegmentSec) {
      add('demo-segment-length', 'warning', `"${s.title}" runs ${s.durationSec}s; split anything over ${maxSegmentSec}s`, s.line);
    }
  }
  if (end && end.sec > maxTotalSec) add('demo-total', 'error', `the demo ends at ${end.sec}s; the limit is ${maxTotalSec}s`, end.line);
  if (raw.length > 0 && !raw.some((s) => /\bdemo\b/i.test(s.title))) {
    add('demo-missing', 'error', 'no segment is a live demo (put "Demo" in its title)', 1);
  }
  return { segments, findings };
}
