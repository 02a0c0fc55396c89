import type { OptionSpec } from '../options.js';

/** Pages of the fixture site crawled and imported: enough rows for indexes to matter, quick to crawl. */
export const PHASE2_PAGES = 1_000;
export const LOAD_SECONDS = 5;

export const phase2Options: readonly OptionSpec[] = [
  {
    key: 'pages',
    flag: '--pages <n>',
    help: 'pages of the test site crawled and imported (1,000; fewer is a quick check, not recorded)',
    type: 'integer',
    min: 10,
    max: 100_000,
    default: PHASE2_PAGES,
    commands: ['verify', 'run'],
  },
  {
    key: 'loadSeconds',
    flag: '--load-seconds <n>',
    help: 'seconds of each hot-key load (5; shorter is a quick check, not recorded)',
    type: 'integer',
    min: 1,
    max: 600,
    default: LOAD_SECONDS,
    commands: ['verify'],
  },
];
