import { addDays, parseLocalDate, type LocalDate } from '../core/local-date.js';
import type { Deps } from '../deps.js';
import { UsageError } from '../errors.js';
import { localDateOf } from '../system/clock.js';

/**
 * The date a command acts on: `--date` when given (YYYY-MM-DD, or today / yesterday / tomorrow), else the
 * learner's local date from the clock. A malformed date is a usage error that shows the expected form.
 */
export function resolveDate(deps: Deps, option: string | undefined, flag = '--date'): LocalDate {
  const today = localDateOf(deps.clock.now());
  if (option === undefined) return today;
  const word = option.trim().toLowerCase();
  if (word === 'today') return today;
  if (word === 'yesterday') return addDays(today, -1);
  if (word === 'tomorrow') return addDays(today, 1);
  const date = parseLocalDate(option);
  if (!date) throw new UsageError(`bad date "${option}" for ${flag}: expected YYYY-MM-DD (e.g. 2025-06-12), today, yesterday or tomorrow`);
  return date;
}
