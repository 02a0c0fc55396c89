import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Box, Text, useInput } from 'ink';
import { useEffect, useRef, useState } from 'react';
import type { CheckResult } from '../../katas/kata-runner.js';
import type { KataRow } from '../../katas/kata-engine.js';
import { useDeps } from '../deps-context.js';
import type { ScreenProps } from './screen.js';

const MARK = { 'not started': '·', started: '○', failing: '✗', passed: '✓' } as const;
const LEGEND = `${MARK['not started']} not started  ${MARK.started} started  ${MARK.failing} failed its last check  ${MARK.passed} passed`;

/** The diff's legend and up to six lines from just before its first difference (the screen has little room). */
function diffLines(diff: string): string[] {
  const lines = diff.split('\n');
  const first = lines.findIndex((l, i) => i > 1 && /^[-+]/.test(l));
  return [...lines.slice(0, 2), ...lines.slice(Math.max(2, first - 1), Math.max(2, first - 1) + 6)];
}

/** Thursday's katas: the phase's list with status, the selected kata's README, and live watch results. */
export function KataScreen({ today, width }: ScreenProps) {
  const deps = useDeps();
  const [rows, setRows] = useState<KataRow[] | null>(null);
  const [selected, setSelected] = useState(0);
  const [watching, setWatching] = useState<string | null>(null);
  const [result, setResult] = useState<CheckResult | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const abort = useRef<AbortController | null>(null);
  const phase = today.phase?.number ?? 1;

  const reload = async (): Promise<void> => {
    const e = await import('../../katas/kata-engine.js');
    setRows(await e.listKatas(deps, today.date, phase));
  };
  useEffect(() => {
    void reload().catch((e: Error) => setNote(e.message));
    return () => abort.current?.abort();
  }, [deps, today.date, phase]);

  const row = rows?.[selected];
  useInput((input, key) => {
    if (!rows || !row) return;
    if (key.upArrow) return setSelected((i) => Math.max(0, i - 1));
    if (key.downArrow) return setSelected((i) => Math.min(rows.length - 1, i + 1));
    if (input === 'h') {
      void import('../../katas/kata-engine.js').then(async (e) => {
        const h = await e.revealHint(deps, row.kata);
        setNote(h.hint ? `Hint ${h.number}/${h.of}: ${h.hint}` : 'No more hints.');
      });
      return;
    }
    if (key.return && watching !== row.kata.id) {
      abort.current?.abort();
      const controller = new AbortController();
      abort.current = controller;
      setWatching(row.kata.id);
      setResult(null);
      void import('../../katas/kata-engine.js').then(async (e) => {
        const { file } = await e.startKata(deps, row.kata, today.date);
        setNote(`Edit ${file} — every save re-checks it.`);
        const final = await e.watchKata(deps, row.kata, today.date, (r) => setResult(r), { signal: controller.signal });
        if (final?.passed) setNote(`${row.kata.id} passed. Next: pick another kata.`);
        setWatching(null);
        await reload();
      }).catch((e: Error) => {
        setNote(e.message);
        setWatching(null);
      });
    }
  });

  if (!rows) return <Text dimColor>{note ?? 'Loading the katas…'}</Text>;
  if (rows.length === 0) return <Text dimColor>Phase {phase} has no katas.</Text>;
  const readme = row ? readFileSync(join(deps.paths.packageRoot, row.kata.dir, 'README.md'), 'utf8').split('\n').filter((l) => l.trim()).slice(0, 6) : [];
  return (
    <Box flexDirection="column">
      {rows.map((r, i) => (
        <Text key={r.kata.id} inverse={i === selected} wrap="truncate-end">
          {MARK[r.status]} {r.kata.id.padEnd(30)} {r.kata.title}
        </Text>
      ))}
      <Box flexDirection="column" marginTop={1} width={width}>
        {readme.map((l, i) => (
          <Text key={i} dimColor={i > 0} wrap="truncate-end">
            {l}
          </Text>
        ))}
      </Box>
      <Box flexDirection="column" marginTop={1}>
        {watching && <Text color="cyan">Watching {watching}…</Text>}
        {result &&
          (result.passed ? (
            <Text color="green">✓ passed: {result.total} tests ({result.durationMs} ms after your save)</Text>
          ) : (
            <>
              <Text color="red">✗ {result.total === 0 ? 'no test ran' : `${result.failed} of ${result.total} failing`}</Text>
              {result.firstFailure && <Text wrap="truncate-end">{result.firstFailure.test}</Text>}
              {result.firstFailure?.message.split('\n').slice(0, result.firstFailure.diff ? 1 : 3).map((l, i) => (
                <Text key={i} dimColor wrap="truncate-end">
                  {'  '}
                  {l}
                </Text>
              ))}
              {/* vitest's diff from its first difference on: the lines a person compares. */}
              {result.firstFailure?.diff && diffLines(result.firstFailure.diff).map((l, i) => (
                <Text key={`d${i}`} color={l.startsWith('-') ? 'green' : l.startsWith('+') ? 'red' : undefined} dimColor={!/^[-+]/.test(l)} wrap="truncate-end">
                  {'  '}
                  {l}
                </Text>
              ))}
            </>
          ))}
        {note && <Text color="cyan">{note}</Text>}
        <Text dimColor>{LEGEND}</Text>
        <Text dimColor>↑/↓ choose · Enter start and watch · h hint</Text>
      </Box>
    </Box>
  );
}
