import { z } from 'zod';
import { addDays, isLocalDate, isSunday, WEEKDAYS } from '../core/local-date.js';
import { SLOTS, type Plan } from '../core/plan.js';

const localDate = z.string().refine(isLocalDate, { message: 'expected a date YYYY-MM-DD' });
const studySlot = z.enum(SLOTS).exclude(['rest']);

const slotSpec = z.strictObject({
  slot: z.enum(SLOTS),
  title: z.string().min(1),
  summary: z.string().min(1),
  boxes: z.array(z.strictObject({ title: z.string().min(1), minutes: z.number().int().positive() })),
});

const phaseSchema = z
  .strictObject({
    number: z.number().int().positive(),
    title: z.string().min(1),
    focus: z.string().min(1),
    start: localDate,
    end: localDate,
    miniProject: z.string().min(1),
    goal: z.string().min(1),
    tasks: z
      .array(
        z.strictObject({
          id: z.string().regex(/^p\d+\.[a-z0-9]+(-[a-z0-9]+)*$/, 'expected a task id like p2.redis-cache'),
          title: z.string().min(1),
          slots: z.array(studySlot).min(1),
        }),
      )
      .min(1),
    criteria: z
      .array(
        z.strictObject({
          id: z.string().regex(/^p\d+\.ac\.[a-z0-9]+(-[a-z0-9]+)*$/, 'expected a criterion id like p2.ac.cached-50ms'),
          title: z.string().min(1),
        }),
      )
      .min(1),
    stages: z
      .array(
        z.strictObject({
          id: z.string().regex(/^p\d+\.s\d+\.[a-z0-9]+(-[a-z0-9]+)*$/, 'expected a stage id like p1.s2.follow-links'),
          week: z.number().int().positive(),
          title: z.string().min(1),
          build: z.string().min(1),
          checks: z.array(z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'expected a check id like start-page-record')).min(1),
        }),
      )
      .default([]),
  })
  .superRefine((p, ctx) => {
    if (!isLocalDate(p.start) || !isLocalDate(p.end)) return;
    if (p.end < p.start) ctx.addIssue({ code: 'custom', path: ['end'], message: `ends before it starts (${p.start})` });
    for (const key of ['start', 'end'] as const) {
      if (isSunday(p[key])) ctx.addIssue({ code: 'custom', path: [key], message: `${p[key]} is a Sunday (rest day)` });
    }
    const prefix = `p${p.number}.`;
    p.tasks.forEach((t, i) => {
      if (!t.id.startsWith(prefix)) ctx.addIssue({ code: 'custom', path: ['tasks', i, 'id'], message: `must start with ${prefix}` });
    });
    p.criteria.forEach((c, i) => {
      if (!c.id.startsWith(prefix)) ctx.addIssue({ code: 'custom', path: ['criteria', i, 'id'], message: `must start with ${prefix}` });
    });
    p.stages.forEach((s, i) => {
      if (!s.id.startsWith(`${prefix}s${i + 1}.`)) ctx.addIssue({ code: 'custom', path: ['stages', i, 'id'], message: `must start with ${prefix}s${i + 1}. (stages are numbered in order)` });
      if (s.week !== i + 1) ctx.addIssue({ code: 'custom', path: ['stages', i, 'week'], message: `expected ${i + 1} (one stage per week, in order)` });
    });
  });

/** The schema of curriculum/plan.yaml, with the cross-field rules a calendar depends on. */
export const planSchema = z
  .strictObject({
    title: z.string().min(1),
    dailyMinutes: z.number().int().min(5).max(240),
    weekLength: z.literal(6),
    week: z.strictObject(Object.fromEntries(WEEKDAYS.map((d) => [d, slotSpec])) as Record<(typeof WEEKDAYS)[number], typeof slotSpec>),
    phases: z.array(phaseSchema).min(1),
  })
  .superRefine((plan, ctx) => {
    const used = new Map<string, string>();
    for (const day of WEEKDAYS) {
      const slot = plan.week[day].slot;
      if ((day === 'sun') !== (slot === 'rest')) {
        ctx.addIssue({ code: 'custom', path: ['week', day, 'slot'], message: day === 'sun' ? 'Sunday must be rest' : 'only Sunday is rest' });
      }
      const other = used.get(slot);
      if (other) ctx.addIssue({ code: 'custom', path: ['week', day, 'slot'], message: `slot ${slot} is already ${other}'s` });
      used.set(slot, day);
    }
    const ids = new Set<string>();
    plan.phases.forEach((p, i) => {
      if (p.number !== i + 1) ctx.addIssue({ code: 'custom', path: ['phases', i, 'number'], message: `expected ${i + 1} (phases are numbered in order)` });
      const prev = plan.phases[i - 1];
      if (prev && isLocalDate(prev.end) && isLocalDate(p.start)) {
        let next = addDays(prev.end, 1);
        while (isSunday(next)) next = addDays(next, 1);
        if (p.start !== next) {
          ctx.addIssue({ code: 'custom', path: ['phases', i, 'start'], message: `expected ${next}, the first study day after phase ${prev.number} ends` });
        }
      }
      const items: [string, number, string][] = [
        ...p.tasks.map((t, k): [string, number, string] => ['tasks', k, t.id]),
        ...p.criteria.map((c, k): [string, number, string] => ['criteria', k, c.id]),
        ...p.stages.map((s, k): [string, number, string] => ['stages', k, s.id]),
      ];
      for (const [field, k, id] of items) {
        if (ids.has(id)) ctx.addIssue({ code: 'custom', path: ['phases', i, field, k, 'id'], message: `duplicate id ${id}` });
        ids.add(id);
      }
    });
  });

// Compile-time check that the schema's output is the domain's Plan.
type PlanOutput = z.output<typeof planSchema>;
export const _planShape: (p: PlanOutput) => Plan = (p) => p;
