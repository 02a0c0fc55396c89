import { copyFileSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writePortfolio } from '../../src/report/render-html.js';
import { buildReportData } from '../../src/report/report-data.js';
import { seedHistory } from '../../src/report/seed-history.js';
import { createTestDeps, type TestDeps } from '../../src/system/test-deps.js';
import { ROOT } from './run-cli.js';

// Debian's chromium, installed by .ci/run; the flags keep it off this machine's closed network.
const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const OUT = join(ROOT, 'test-output', 'portfolio');
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) process.stderr.write(`portfolio.test.ts skipped: ${CHROMIUM} is missing (apt-get install chromium; .ci/run installs it)\n`);

describe.runIf(hasChromium)('the HTML portfolio in a real browser (Debian chromium)', () => {
  let deps: TestDeps;
  let browser: Browser;
  let page: Awaited<ReturnType<Browser['newPage']>>;
  const problems: string[] = [];
  let file: string;

  beforeAll(async () => {
    deps = createTestDeps({ now: '2025-06-12T08:00:00' });
    await seedHistory(deps);
    // The committed reference report stands in for what `roadmap verify phase-1` writes to the workspace.
    mkdirSync(join(deps.paths.defaultWorkspace, 'reports', 'phase-1'), { recursive: true });
    for (const ext of ['md', 'json']) copyFileSync(join(ROOT, 'reports', 'phase-1', `reference.${ext}`), join(deps.paths.defaultWorkspace, 'reports', 'phase-1', `latest.${ext}`));
    rmSync(OUT, { recursive: true, force: true });
    file = await writePortfolio(await buildReportData(deps, { today: '2025-07-05' }), OUT);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('requestfailed', (r) => problems.push(`${r.url()}: ${r.failure()?.errorText}`));
    await page.goto(`file://${file}`);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await deps?.dispose();
  });

  it('loads offline without a console error and with no external resource', async () => {
    expect(problems).toEqual([]);
    const external = await page.locator('[src^="http"], link[href^="http"], script').count();
    expect(external).toBe(0);
  });

  it.each(['timeline', 'heatmap', 'minutes', 'retention', 'forecast', 'katas'])('the %s chart is an SVG with data marks', async (id) => {
    const marks = page.locator(`#${id} svg g[aria-label]:not([aria-label*="axis"]):not([aria-label="rule"]):not([aria-label="tick"]) > *`);
    expect(await marks.count()).toBeGreaterThan(0);
  });

  it('charts each criterion’s figures over its verify runs, without the reference’s run', async () => {
    const dots = page.locator('svg g[aria-label="dot"] circle');
    // Retention dots (one per week with reviews) plus the criteria runs: 2 runs × judged and throughput/RSS figures.
    expect(await dots.count()).toBeGreaterThan(8);
    expect(await page.getByText('p1.ac.10k-requests').count()).toBeGreaterThan(0);
    expect(await page.getByText('2 runs; latest 2025-07-04').count()).toBe(2);
  });

  it('every link resolves to a file next to the page', async () => {
    const hrefs = await page.locator('a[href]').evaluateAll((as) => as.map((a) => a.getAttribute('href')!));
    expect(hrefs).toEqual(['reports/phase-1.md', 'reports/phase-1.json']);
    for (const href of hrefs) expect(existsSync(resolve(OUT, href))).toBe(true);
  });

  it('writes a screenshot for a person to look at', async () => {
    const shot = join(ROOT, 'test-output', 'portfolio.png');
    await page.screenshot({ path: shot, fullPage: true });
    expect(existsSync(shot)).toBe(true);
  });
});
