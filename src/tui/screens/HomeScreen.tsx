import { Box, Text } from 'ink';
import { useEffect, useState, type ReactNode } from 'react';
import { useDeps } from '../deps-context.js';
import { getToday, type Today } from '../../coach/today.js';
import { plural } from '../../cli/output.js';
import { formatClock } from '../../core/time-boxes.js';
import { ProgressBar } from '../components/ProgressBar.js';
import type { ScreenProps } from './screen.js';

function position(p: ScreenProps['today']): string {
  const i = p.info;
  if (i.kind === 'not-started') return `The plan starts ${i.startsOn} (${plural(i.daysToGo, 'day')} to go)`;
  if (i.kind === 'finished') return `The plan ended ${i.endedOn}: ${p.projection.done} of ${plural(p.projection.total, 'study day')} done`;
  if (i.kind === 'rest') return `Phase ${i.phase} · week ${i.week} · rest day`;
  return `Phase ${i.phase} · week ${i.week} · day ${i.dayOfPhase} of the phase, ${i.dayOfPlan} of the plan`;
}

/** A labelled progress bar with its figures after it. */
function BarRow({ label, fraction, width, children }: { readonly label: string; readonly fraction: number; readonly width: number; readonly children: ReactNode }) {
  return (
    <Box>
      <Text>{label.padEnd(8)}</Text>
      <ProgressBar fraction={fraction} width={width} />
      <Text> {children}</Text>
    </Box>
  );
}

/** Home: where you are, what today's slot is for, the timer, streak, progress and backlog. */
export function HomeScreen({ today: t, seconds, width }: ScreenProps) {
  const barWidth = Math.max(10, Math.min(40, width - 30));
  const done = t.minutesDone >= t.minutesTarget;
  return (
    <Box flexDirection="column" gap={1}>
      <Box flexDirection="column">
        <Text>{position(t)}</Text>
        {t.phase && (
          <Text dimColor>
            {t.phase.title} — {t.phase.focus} · Saturday: {t.phase.miniProject}
          </Text>
        )}
      </Box>
      {t.studyDay ? (
        <Box flexDirection="column">
          <Text>
            <Text bold>{t.slot.title}</Text>: {t.slot.summary}
          </Text>
          {t.material && (
            <Text>
              {'  '}
              {t.material.title} · {t.material.minutes} min · <Text dimColor>{t.material.file}</Text>
            </Text>
          )}
          {t.tasks.map((k) => (
            <Text key={k.id}>
              {'  '}
              {k.checked ? '[x]' : '[ ]'} {k.title}
            </Text>
          ))}
        </Box>
      ) : (
        <Text color="green">{t.slot.summary}</Text>
      )}
      <Box flexDirection="column">
        <BarRow label="Session" fraction={t.minutesDone / t.minutesTarget} width={barWidth}>
          {formatClock(seconds)} of {t.minutesTarget}:00{' '}
          {t.session ? (t.session.state === 'paused' ? <Text color="yellow">paused</Text> : <Text color="green">running</Text>) : done ? <Text color="green">day complete</Text> : <Text dimColor>not started</Text>}
        </BarRow>
        {t.info.kind === 'study' && t.phaseStudyDays !== null && (
          <>
            <BarRow label="Phase" fraction={t.info.dayOfPhase / t.phaseStudyDays} width={barWidth}>
              day {t.info.dayOfPhase} of {t.phaseStudyDays}
            </BarRow>
            <BarRow label="Plan" fraction={t.info.dayOfPlan / t.planStudyDays} width={barWidth}>
              day {t.info.dayOfPlan} of {t.planStudyDays}
            </BarRow>
          </>
        )}
        <Text>
          Streak {plural(t.streak.current, 'day')}
          {t.streak.atRisk ? <Text color="yellow"> (study today to keep it)</Text> : ''} · longest {t.streak.longest}
          {t.backlog.days > 0 ? <Text color="yellow"> · backlog {plural(t.backlog.days, 'missed study day')}</Text> : ''}
        </Text>
        <Text dimColor>
          Your plan runs {t.planStart} → {t.planEnd}
          {t.projection.projectedEnd !== t.planEnd ? ` · projected end ${t.projection.projectedEnd} (if you study every study day from today)` : ''}
        </Text>
      </Box>
      <NextSteps next={useDetailedNext(t)} width={width} />
    </Box>
  );
}

/** How often the home screen re-reads the next kata and the cards due (they read content files). */
const DETAILS_EVERY_MS = 5000;

/**
 * The next steps with Thursday's kata and Friday's cards named, as `roadmap today` prints them. The shell
 * polls a light `getToday` every second for the timer; the details are read on mount and every few seconds.
 */
function useDetailedNext(t: Today): Today['next'] {
  const deps = useDeps();
  const [next, setNext] = useState<{ readonly date: string; readonly lines: Today['next'] } | null>(null);
  useEffect(() => {
    let alive = true;
    const load = (): void =>
      void getToday(deps, t.date, { details: true }).then(
        (d) => alive && setNext({ date: t.date, lines: d.next }),
        () => undefined,
      );
    load();
    const timer = setInterval(load, DETAILS_EVERY_MS);
    return () => {
      alive = false;
      clearInterval(timer);
    };
  }, [deps, t.date]);
  // Until the details are read (and when the session changes the first steps), the light list is the truth.
  if (!next || next.date !== t.date || next.lines[0]?.rule !== t.next[0]?.rule) return t.next;
  return next.lines;
}

/** The same next steps as `roadmap today` (coach/today.ts words them for both). */
function NextSteps({ next, width }: { readonly next: Today['next']; readonly width: number }) {
  if (next.length === 0) return null;
  const commandWidth = Math.min(Math.max(...next.map((n) => n.command?.length ?? 0)), Math.floor(width / 2));
  return (
    <Box flexDirection="column">
      <Text bold>Next</Text>
      {next.map((n, i) => (
        <Box key={`${n.rule}-${i}`}>
          <Box width={commandWidth + 4} flexShrink={0}>
            <Text color="cyan">{'  '}{n.command ?? ''}</Text>
          </Box>
          <Text wrap="wrap">{n.text}</Text>
        </Box>
      ))}
    </Box>
  );
}
