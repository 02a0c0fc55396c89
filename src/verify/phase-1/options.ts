import type { OptionSpec } from '../options.js';

/** The criterion is stated at 10,000 requests; fewer is a quicker run, reported as such and not recorded. */
export const FULL_PAGES = 10_000;

export const phase1Options: readonly OptionSpec[] = [
  {
    key: 'pages',
    flag: '--pages <n>',
    help: 'size of the local test site (the criterion states 10,000; smaller runs are quick checks, not recorded)',
    type: 'integer',
    min: 1,
    max: 100_000,
    default: FULL_PAGES,
    commands: ['verify', 'run'],
  },
  { key: 'siteOnly', flag: '--site-only', help: 'only serve the test site (point your own scraper at it) until Ctrl-C', type: 'boolean', commands: ['run'] },
];
