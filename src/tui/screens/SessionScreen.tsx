import { Box, Text } from 'ink';
import { formatClock } from '../../core/time-boxes.js';
import { ProgressBar } from '../components/ProgressBar.js';
import { TimeBoxes } from '../components/TimeBoxes.js';
import type { ScreenProps } from './screen.js';

/** The session: the timer, the slot's time-boxes with the current one highlighted, and what ends the day. */
export function SessionScreen({ today: t, boxes, seconds, bell, width }: ScreenProps) {
  const done = t.minutesDone >= t.minutesTarget;
  const state = t.session?.state ?? (done ? 'complete' : 'stopped');
  return (
    <Box flexDirection="column" gap={1}>
      <Box flexDirection="column">
        <Text>
          <Text bold>{formatClock(seconds)}</Text> of {t.minutesTarget}:00 ·{' '}
          {state === 'running' ? <Text color="green">running</Text> : state === 'paused' ? <Text color="yellow">paused</Text> : state === 'complete' ? <Text color="green">day complete</Text> : <Text dimColor>not started</Text>}
        </Text>
        <ProgressBar fraction={t.minutesDone / t.minutesTarget} width={Math.max(10, Math.min(60, width - 8))} />
      </Box>
      {boxes.length > 0 ? <TimeBoxes boxes={boxes} /> : <Text dimColor>No time-boxes today: it is a rest day.</Text>}
      {done ? (
        <Text color="green">
          Day complete: {Math.floor(t.minutesDone)} of {t.minutesTarget} min. Streak {t.streak.current}.
        </Text>
      ) : (
        <Text dimColor>
          {Math.ceil(t.minutesLeft)} min to go · bell {bell ? 'on' : 'off'} when a box ends
        </Text>
      )}
    </Box>
  );
}
