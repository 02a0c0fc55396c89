import type { OptionSpec } from '../options.js';

/** Pages of the fixture site imported for the phase 2 regression: enough to page and search, quick to crawl. */
export const PHASE3_PAGES = 300;

export const phase3Options: readonly OptionSpec[] = [
  {
    key: 'pages',
    flag: '--pages <n>',
    help: 'pages of the test site imported for the phase 2 regression checks (300; fewer is a quick check, not recorded)',
    type: 'integer',
    min: 10,
    max: 100_000,
    default: PHASE3_PAGES,
    commands: ['verify'],
  },
];
