import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MUTATION_REPORT, mutationCounts, planDisable, readMutationReport, type MutationReport } from './mutation-report.js';

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

const reportFile = (content: string): string => {
  dir = mkdtempSync(join(tmpdir(), 'roadmap-mutation-report-'));
  const file = join(dir, 'mutation.json');
  writeFileSync(file, content);
  return file;
};

interface MutantSpec {
  readonly status?: string;
  readonly coveredBy?: readonly string[];
  readonly killedBy?: readonly string[];
}

/** A report of one source file holding `mutants` (ids in order), with `testFiles` when given. */
const report = (mutants: readonly MutantSpec[], testFiles?: Record<string, readonly string[]>): MutationReport => ({
  files: {
    'src/domain/document.ts': {
      mutants: mutants.map((m, i) => ({
        id: String(i + 1),
        status: m.status ?? 'Killed',
        ...(m.coveredBy ? { coveredBy: [...m.coveredBy] } : {}),
        ...(m.killedBy ? { killedBy: [...m.killedBy] } : {}),
      })),
    },
  },
  ...(testFiles ? { testFiles: Object.fromEntries(Object.entries(testFiles).map(([file, ids]) => [file, { tests: ids.map((id) => ({ id, name: `test ${id}` })) }])) } : {}),
});

/** Killed mutants, each covered by the tests of these files (vitest-runner ids: `<file>#<name>`). */
const killedBy = (...files: readonly (readonly string[])[]): MutantSpec[] => files.map((fs) => ({ coveredBy: fs.map((f) => `${f}#a test`) }));

describe('readMutationReport', () => {
  it('says in one line how to get a report when there is none', () => {
    dir = mkdtempSync(join(tmpdir(), 'roadmap-mutation-report-'));
    expect(readMutationReport(join(dir, 'mutation.json'))).toBe(`no ${MUTATION_REPORT}: add Stryker's "json" reporter (reporters: [..., "json"]) so its score can be read`);
  });

  it('says the file is not JSON, with the parser’s reason', () => {
    const read = readMutationReport(reportFile('{"files": {'));
    expect(read).toEqual(expect.stringMatching(/^reports\/mutation\/mutation\.json is not valid JSON \(.+\)$/));
    expect(read).not.toContain('\n');
  });

  it.each([
    ['an empty object', '{}'],
    ['an array', '[]'],
    ['null', 'null'],
    ['a mutant with a numeric id', JSON.stringify({ files: { 'a.ts': { mutants: [{ id: 1, status: 'Killed' }] } } })],
    ['a file without mutants', JSON.stringify({ files: { 'a.ts': { source: '' } } })],
    ['testFiles whose tests have no id', JSON.stringify({ files: {}, testFiles: { 'a.test.ts': { tests: [{ name: 'x' }] } } })],
  ])('says %s is not a Stryker report, in one line', (_name, content) => {
    const read = readMutationReport(reportFile(content));
    expect(read).toEqual(expect.stringMatching(/^reports\/mutation\/mutation\.json is not a Stryker report: \S/));
    expect(read).not.toContain('\n');
  });

  it('reads a report, keeping the fields it does not know', () => {
    const written = { schemaVersion: '2', thresholds: { high: 80, low: 60, break: 90 }, files: { 'src/a.ts': { language: 'typescript', source: 'x', mutants: [{ id: '7', status: 'Killed', mutatorName: 'BooleanLiteral', killedBy: ['0'], coveredBy: ['0', '1'] }] } } };
    const read = readMutationReport(reportFile(JSON.stringify(written)));
    expect(read).toEqual(written);
  });
});

describe('mutationCounts', () => {
  it.each<[string, readonly string[], { mutants: number; killed: number; survived: number; invalid: number; score: number }]>([
    ['every status', ['Killed', 'Timeout', 'Survived', 'NoCoverage', 'CompileError', 'RuntimeError', 'Ignored'], { mutants: 7, killed: 2, survived: 2, invalid: 3, score: 50 }],
    ['a timeout is detected', ['Timeout', 'Timeout', 'Survived'], { mutants: 3, killed: 2, survived: 1, invalid: 0, score: 66.67 }],
    ['no coverage is undetected', ['Killed', 'NoCoverage', 'NoCoverage'], { mutants: 3, killed: 1, survived: 2, invalid: 0, score: 33.33 }],
    ['invalid mutants are out of the score', ['Killed', 'Survived', 'Survived', 'Survived', 'Survived', 'Survived', 'CompileError', 'CompileError'], { mutants: 8, killed: 1, survived: 5, invalid: 2, score: 16.67 }],
    ['rounded to 2 decimals', ['Killed', 'Killed', 'Survived', 'Survived', 'Survived', 'Survived', 'Survived'], { mutants: 7, killed: 2, survived: 5, invalid: 0, score: 28.57 }],
    ['only invalid mutants score 0', ['RuntimeError', 'Ignored'], { mutants: 2, killed: 0, survived: 0, invalid: 2, score: 0 }],
    ['no mutants score 0', [], { mutants: 0, killed: 0, survived: 0, invalid: 0, score: 0 }],
  ])('%s', (_name, statuses, counts) => {
    expect(mutationCounts(report(statuses.map((status) => ({ status }))))).toEqual(counts);
  });

  it('adds up the mutants of every file', () => {
    const two: MutationReport = { files: { 'a.ts': { mutants: [{ id: '1', status: 'Killed' }] }, 'b.ts': { mutants: [{ id: '2', status: 'Survived' }, { id: '3', status: 'Killed' }, { id: '4', status: 'Killed' }] } } };
    expect(mutationCounts(two)).toEqual({ mutants: 4, killed: 3, survived: 1, invalid: 0, score: 75 });
  });
});

describe('planDisable', () => {
  // a.test.ts alone kills three mutants, b and c one each: 5 killed, 100%.
  const lopsided = report(killedBy(['a.test.ts'], ['a.test.ts'], ['a.test.ts'], ['b.test.ts'], ['c.test.ts']));

  it.each([
    [90, ['a.test.ts'], 3, 40],
    [41, ['a.test.ts'], 3, 40],
    [40, ['a.test.ts', 'b.test.ts'], 4, 20],
    [20, ['a.test.ts', 'b.test.ts', 'c.test.ts'], 5, 0],
  ])('under a goal of %i takes the fewest files, the most telling first: %j', (goal, files, predictedSurvivors, predictedScore) => {
    expect(planDisable(lopsided, goal)).toEqual({ files, predictedSurvivors, predictedScore });
  });

  it('wants the score under the goal: at the goal is not enough', () => {
    const even = report(killedBy(['a.test.ts'], ['b.test.ts'], ['c.test.ts'], ['d.test.ts']));
    expect(planDisable(even, 75.01)).toMatchObject({ files: ['a.test.ts'], predictedScore: 75 });
    expect(planDisable(even, 75)).toMatchObject({ files: ['a.test.ts', 'b.test.ts'], predictedScore: 50 });
  });

  it('counts the survived mutants in the score it predicts', () => {
    const withSurvivors = report([...killedBy(['a.test.ts'], ['a.test.ts'], ['b.test.ts']), { status: 'Survived' }, { status: 'NoCoverage', coveredBy: [] }, { status: 'CompileError', coveredBy: ['a.test.ts#x'] }]);
    // 3 killed of 5 valid = 60%; a's two mutants surviving leave 1 of 5.
    expect(planDisable(withSurvivors, 50)).toEqual({ files: ['a.test.ts'], predictedSurvivors: 2, predictedScore: 20 });
  });

  it('predicts a mutant covered by two files survives only when both are disabled', () => {
    const shared = report(killedBy(['a.test.ts', 'b.test.ts'], ['a.test.ts']));
    expect(planDisable(shared, 60)).toEqual({ files: ['a.test.ts'], predictedSurvivors: 1, predictedScore: 50 });
    expect(planDisable(shared, 50)).toEqual({ files: ['a.test.ts', 'b.test.ts'], predictedSurvivors: 2, predictedScore: 0 });
  });

  it('after the first pick, weighs each file by the survivors it adds, not by the total', () => {
    const r = report([{ coveredBy: ['z.test.ts'] }, { coveredBy: ['x.test.ts', 'y.test.ts'] }, { coveredBy: ['x.test.ts', 'y.test.ts'] }, { coveredBy: ['a.test.ts', 'w.test.ts'] }]);
    expect(planDisable(r, 30)).toEqual({ files: ['z.test.ts', 'x.test.ts', 'y.test.ts'], predictedSurvivors: 3, predictedScore: 25 });
  });

  it('starts with the file covering the most when no single file makes a mutant survive', () => {
    const covered = report(killedBy(['a.test.ts', 'b.test.ts'], ['b.test.ts', 'c.test.ts'], ['b.test.ts', 'c.test.ts']));
    expect(planDisable(covered, 50)).toEqual({ files: ['b.test.ts', 'c.test.ts'], predictedSurvivors: 2, predictedScore: 33.33 });
  });

  it('goes by killedBy when the report has no coverage, and by coveredBy when it has', () => {
    const noCoverage = report([{ killedBy: ['a.test.ts#x'] }, { coveredBy: [], killedBy: ['a.test.ts#y'] }, { killedBy: ['b.test.ts#x'] }]);
    expect(planDisable(noCoverage, 50)).toEqual({ files: ['a.test.ts'], predictedSurvivors: 2, predictedScore: 33.33 });
    // Killed by a alone, but b covers it too: disabling a leaves b's assertions to kill it.
    const covered = report([{ killedBy: ['a.test.ts#x'], coveredBy: ['a.test.ts#x', 'b.test.ts#x'] }, { killedBy: ['b.test.ts#y'], coveredBy: ['b.test.ts#y'] }]);
    expect(planDisable(covered, 60)).toEqual({ files: ['b.test.ts'], predictedSurvivors: 1, predictedScore: 50 });
  });

  it('finds the file of a test id in testFiles', () => {
    const byId = report([{ coveredBy: ['0', '1'] }, { coveredBy: ['1'] }, { coveredBy: ['2'] }], { 'src/a.test.ts': ['0'], 'src/b.test.ts': ['1', '2'] });
    expect(planDisable(byId, 50)).toEqual({ files: ['src/b.test.ts'], predictedSurvivors: 2, predictedScore: 33.33 });
  });

  it.each([
    ['packages/domain/src/document.test.ts#document > renames', 'packages/domain/src/document.test.ts'],
    ['src/a.spec.js#a', 'src/a.spec.js'],
    ['src/a.test.mts#a', 'src/a.test.mts'],
    ['src/view.test.tsx#renders > the title', 'src/view.test.tsx'],
    ['src/a.test.cjs', 'src/a.test.cjs'],
  ])('without testFiles, takes the file of %s from its prefix', (id, file) => {
    expect(planDisable(report([{ coveredBy: [id] }]), 50)?.files).toEqual([file]);
  });

  it.each<[string, MutationReport]>([
    ['no killed mutant', report([{ status: 'Survived', coveredBy: ['a.test.ts#x'] }, { status: 'NoCoverage' }])],
    ['killed mutants that name no test', report([{}, { coveredBy: [], killedBy: [] }])],
    ['test ids neither in testFiles nor a test file path', report([{ coveredBy: ['7'] }, { killedBy: ['src/a.ts#x'] }], { 'src/a.test.ts': ['0'] })],
    ['only invalid mutants naming a test', report([{ status: 'CompileError', coveredBy: ['a.test.ts#x'] }, { status: 'Ignored', killedBy: ['a.test.ts#x'] }])],
  ])('is null for %s', (_name, r) => {
    expect(planDisable(r, 50)).toBeNull();
  });

  it('counts a timed-out mutant as killed, to be made to survive', () => {
    expect(planDisable(report([{ status: 'Timeout', coveredBy: ['a.test.ts#x'] }, { status: 'Survived' }]), 50)).toEqual({ files: ['a.test.ts'], predictedSurvivors: 1, predictedScore: 0 });
  });

  it('disables every file it can, and says the score it predicts, when the goal cannot be reached', () => {
    // The second mutant names a test roadmap cannot place, so it stays killed.
    const plan = planDisable(report([{ coveredBy: ['a.test.ts#x'] }, { coveredBy: ['7'] }]), 40);
    expect(plan).toEqual({ files: ['a.test.ts'], predictedSurvivors: 1, predictedScore: 50 });
  });
});
