import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import { formatClock } from '../../core/time-boxes.js';
import { ProgressBar } from '../components/ProgressBar.js';
import type { ScreenProps } from './screen.js';

function position(p: ScreenProps['today']): string {
  const i = p.info;
  if (i.kind === 'not-started') return `The plan starts ${i.startsOn} (${i.daysToGo} days to go)`;
  if (i.kind === 'finished') return `The plan ended ${i.endedOn}: \`roadmap init --start DATE --force\` starts a new run`;
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
          Streak {t.streak.current} {t.streak.current === 1 ? 'day' : 'days'}
          {t.streak.atRisk ? <Text color="yellow"> (study today to keep it)</Text> : ''} · longest {t.streak.longest}
          {t.backlog.days > 0 ? <Text color="yellow"> · backlog {t.backlog.days} missed study days (roadmap replan)</Text> : ''}
        </Text>
        <Text dimColor>
          Your plan runs {t.planStart} → {t.planEnd}
        </Text>
      </Box>
    </Box>
  );
}
