import { cardsOf, loadDecks } from '../content/deck.js';
import { dayInfo } from '../core/calendar.js';
import { addDays, type LocalDate } from '../core/local-date.js';
import type { Plan } from '../core/plan.js';
import type { Deps } from '../deps.js';
import { UsageError } from '../errors.js';
import type { CardStateRow, ReviewLogRow } from '../store/card-repository.js';
import { endOfLocalDay } from '../system/clock.js';
import { loadContext } from '../coach/context.js';
import { requirePhase } from '../coach/tasks.js';
import { DrillSession, type DrillCard, type QueueCounts } from './drill-session.js';
import { DEFAULT_SETTINGS, State, type DrillSettings } from './scheduler.js';

const SETTING_KEYS: Record<keyof DrillSettings, string> = { newPerDay: 'drill.newPerDay', reviewsPerDay: 'drill.reviewsPerDay', retention: 'drill.retention' };

export async function getSettings(deps: Deps): Promise<DrillSettings> {
  const repo = (await deps.store()).cards;
  const read = async (k: keyof DrillSettings): Promise<number> => {
    const v = await repo.setting(SETTING_KEYS[k]);
    return v === null ? DEFAULT_SETTINGS[k] : Number(v);
  };
  return { newPerDay: await read('newPerDay'), reviewsPerDay: await read('reviewsPerDay'), retention: await read('retention') };
}

/** Changes drill settings; out-of-range values are usage errors naming the range. */
export async function setSettings(deps: Deps, changes: Partial<DrillSettings>): Promise<DrillSettings> {
  const repo = (await deps.store()).cards;
  const check = (ok: boolean, msg: string): void => {
    if (!ok) throw new UsageError(msg);
  };
  if (changes.newPerDay !== undefined) check(Number.isInteger(changes.newPerDay) && changes.newPerDay >= 0 && changes.newPerDay <= 9999, 'new cards per day: a whole number from 0 to 9999');
  if (changes.reviewsPerDay !== undefined) check(Number.isInteger(changes.reviewsPerDay) && changes.reviewsPerDay >= 0 && changes.reviewsPerDay <= 99999, 'reviews per day: a whole number from 0 to 99999');
  if (changes.retention !== undefined) check(changes.retention >= 0.7 && changes.retention <= 0.99, 'desired retention: from 0.70 to 0.99 (0.9 is the FSRS default)');
  for (const [k, v] of Object.entries(changes)) if (v !== undefined) await repo.setSetting(SETTING_KEYS[k as keyof DrillSettings], String(v));
  return getSettings(deps);
}

const PHASE_TAG = /^phase-(\d+)$/;

/**
 * Checks the tags of a card the learner adds: no spaces (tags are stored space-separated), and at most one
 * phase tag, `phase-N` with N a phase of the plan — a card tagged with a phase that does not exist would
 * never come up in a drill. Mistakes are usage errors that say how to write the tag.
 */
export function validateCardTags(plan: Plan, tags: readonly string[]): void {
  const range = `1–${plan.phases.length}`;
  for (const t of tags) {
    if (/\s/.test(t)) throw new UsageError(`tag "${t}" has a space: tags are single words, e.g. ${t.trim().replace(/\s+/g, '-')}`);
    if (!/^phase/i.test(t)) continue;
    const m = PHASE_TAG.exec(t);
    if (!m) throw new UsageError(`tag "${t}" is not a phase tag: write phase-N with N from ${range}, e.g. phase-2`);
    if (!plan.phases.some((p) => p.number === Number(m[1]))) throw new UsageError(`tag "${t}": there is no phase ${Number(m[1])}, phases are ${range} (e.g. phase-2)`);
  }
  const phases = tags.filter((t) => PHASE_TAG.test(t));
  if (phases.length > 1) throw new UsageError(`tags ${phases.join(', ')}: a card belongs to one phase, keep one phase-N tag`);
}

/** Every card the learner can drill: the shipped decks (a card per cloze deletion) and their own cards. */
export async function loadCatalog(deps: Deps): Promise<DrillCard[]> {
  const shipped = loadDecks(deps.paths.packageRoot).flatMap((d) => d.notes.flatMap(cardsOf)).map((c) => ({ ...c, origin: 'deck' as const }));
  const own = (await (await deps.store()).cards.userCards()).map((u): DrillCard => {
    const tags = u.tags.split(/\s+/).filter(Boolean);
    const phaseTag = tags.find((t) => PHASE_TAG.test(t));
    return { id: u.card_id, noteId: u.card_id, phase: phaseTag ? Number(phaseTag.slice(6)) : 0, tags, front: u.front, back: u.back, origin: 'user' };
  });
  return [...shipped, ...own];
}

export interface OpenedDrill {
  readonly session: DrillSession;
  readonly catalog: readonly DrillCard[];
  readonly day: LocalDate;
  readonly endOfDayMs: number;
  readonly settings: DrillSettings;
  /** The phase whose new cards are introduced (current phase, or the one asked for). */
  readonly phase: number;
}

/** Opens today's drill: current phase from the plan (new cards of later phases wait unless `phase` is given). */
export async function openDrill(deps: Deps, day: LocalDate, phase?: number): Promise<OpenedDrill> {
  const ctx = await loadContext(deps, day);
  if (phase !== undefined) requirePhase(ctx.plan, phase);
  const info = dayInfo(ctx.calendar, day);
  const current = info.kind === 'study' || info.kind === 'rest' ? info.phase : info.kind === 'not-started' ? 1 : ctx.plan.phases.length;
  const [catalog, settings, states, logs] = await Promise.all([loadCatalog(deps), getSettings(deps), ctx.store.cards.states(), ctx.store.cards.logs()]);
  const session = new DrillSession(
    ctx.store.cards,
    catalog,
    states,
    logs.filter((l) => l.day === day),
    settings,
    phase === undefined ? { upToPhase: current } : { phase, upToPhase: current },
    day,
  );
  return { session, catalog, day, endOfDayMs: endOfLocalDay(day), settings, phase: phase ?? current };
}

/**
 * The card states as they stood at the end of `day`: a card reviewed later gets back the state saved with its
 * first later review (none: it was still new then), so stats of a past day count nothing after it.
 */
export function statesAsOf(states: ReadonlyMap<string, CardStateRow>, logs: readonly ReviewLogRow[], day: LocalDate): Map<string, CardStateRow> {
  const out = new Map(states);
  const seen = new Set<string>();
  for (const l of logs) {
    if (l.day <= day || seen.has(l.card_id)) continue;
    seen.add(l.card_id);
    if (l.before_json) out.set(l.card_id, JSON.parse(l.before_json) as CardStateRow);
    else out.delete(l.card_id);
  }
  return out;
}

/**
 * Today's queue as `roadmap drill` would start it, counted: learning cards and reviews due by the end of the
 * day, and the new cards the daily limit still lets in (of the phases reached). `cards stats`, `today` and
 * the TUI show these, so they agree with the drill.
 */
export async function todayQueue(deps: Deps, day: LocalDate, loaded?: DrillData): Promise<QueueCounts & { readonly newPerDay: number }> {
  const ctx = await loadContext(deps, day);
  const info = dayInfo(ctx.calendar, day);
  const current = info.kind === 'study' || info.kind === 'rest' ? info.phase : info.kind === 'not-started' ? 1 : ctx.plan.phases.length;
  const { catalog, settings, states, logs } = loaded ?? (await loadDrillData(deps));
  const session = new DrillSession(ctx.store.cards, catalog, statesAsOf(states, logs, day), logs.filter((l) => l.day === day), settings, { upToPhase: current }, day);
  const end = endOfLocalDay(day);
  return { ...session.counts(end - 1, end), newPerDay: settings.newPerDay };
}

/** What the drill and its stats are computed from, read once. */
interface DrillData {
  readonly catalog: readonly DrillCard[];
  readonly settings: DrillSettings;
  readonly states: Map<string, CardStateRow>;
  readonly logs: readonly ReviewLogRow[];
}

async function loadDrillData(deps: Deps): Promise<DrillData> {
  const store = await deps.store();
  const [catalog, settings, states, logs] = await Promise.all([loadCatalog(deps), getSettings(deps), store.cards.states(), store.cards.logs()]);
  return { catalog, settings, states, logs };
}

export interface CardStats {
  /** Cards with a due date before the end of the day (reviews and learning steps), limits aside. */
  readonly dueToday: number;
  /** Today's queue under the daily limits: reviews and learning cards due, and new cards available. */
  readonly today: QueueCounts;
  readonly forecast: readonly { readonly date: LocalDate; readonly due: number }[];
  readonly reviewsPerDay: readonly { readonly date: LocalDate; readonly reviews: number }[];
  /** Share of reviews of mature-enough cards (state Review) not answered Again, last 30 days; null without any. */
  readonly trueRetention: number | null;
  readonly retentionReviews: number;
  readonly byState: { readonly new: number; readonly learning: number; readonly review: number; readonly relearning: number };
  readonly total: number;
  readonly settings: DrillSettings;
}

/**
 * Due today, today's queue, a 30-day forecast, reviews per day, true retention and cards by state (like Anki's
 * stats), as they stood at the end of `day`.
 */
export async function cardStats(deps: Deps, day: LocalDate): Promise<CardStats> {
  const data = await loadDrillData(deps);
  const { catalog, settings, logs: allLogs } = data;
  const today = await todayQueue(deps, day, data);
  const states = statesAsOf(data.states, allLogs, day);
  const logs = allLogs.filter((l) => l.day <= day);
  const ends = Array.from({ length: 30 }, (_, i) => ({ date: addDays(day, i), end: endOfLocalDay(addDays(day, i)) }));
  const forecast = ends.map(({ date, end }, i) => ({
    date,
    due: [...states.values()].filter((s) => s.due < end && (i === 0 || s.due >= ends[i - 1]!.end)).length,
  }));
  const since = addDays(day, -29);
  const recent = logs.filter((l) => l.day >= since && l.day <= day);
  const reviewsPerDay = Array.from({ length: 30 }, (_, i) => addDays(since, i)).map((date) => ({ date, reviews: recent.filter((l) => l.day === date).length }));
  const mature = recent.filter((l) => l.state === State.Review);
  const byState = { new: 0, learning: 0, review: 0, relearning: 0 };
  for (const c of catalog) {
    const s = states.get(c.id);
    if (!s || s.state === State.New) byState.new++;
    else if (s.state === State.Learning) byState.learning++;
    else if (s.state === State.Review) byState.review++;
    else byState.relearning++;
  }
  return {
    dueToday: forecast[0]!.due,
    today: { learning: today.learning, review: today.review, new: today.new },
    forecast,
    reviewsPerDay,
    trueRetention: mature.length ? mature.filter((l) => l.rating !== 1).length / mature.length : null,
    retentionReviews: mature.length,
    byState,
    total: catalog.length,
    settings,
  };
}
