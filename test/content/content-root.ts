import { resolve } from 'node:path';
import { buildCalendar } from '../../src/core/calendar.js';
import { loadPlan } from '../../src/content/load-plan.js';

export const ROOT = resolve(import.meta.dirname, '../..');
export const plan = loadPlan(ROOT);
/** Weeks per phase come from the plan (6 study days a week), so a missing week fails the suite. */
export const weeksPerPhase = new Map(buildCalendar(plan).phases.map((p) => [p.number, p.weeks]));
