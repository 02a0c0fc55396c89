import type { OptionSpec } from '../options.js';

/** Pages of the fixture site imported for the checks that drive the API (tokens, rate limit, scan). */
export const PHASE4_PAGES = 100;

export const phase4Options: readonly OptionSpec[] = [
  {
    key: 'pages',
    flag: '--pages <n>',
    help: 'pages of the test site imported before the security checks drive the API (100)',
    type: 'integer',
    min: 10,
    max: 100_000,
    default: PHASE4_PAGES,
    commands: ['verify'],
  },
  {
    key: 'fresh',
    flag: '--fresh',
    help: 'run the CI gates again even when the project is unchanged since the last proof (its results are cached by content)',
    type: 'boolean',
    default: false,
    commands: ['verify'],
  },
  {
    key: 'saveSecurityReport',
    flag: '--save-security-report',
    help: "write this run's security scan to the project's reports/security.{json,md} (commit them: the criterion compares them with a fresh scan)",
    type: 'boolean',
    default: false,
    commands: ['verify'],
  },
];
