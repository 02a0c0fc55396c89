import { Box, Text } from 'ink';
import type { ScreenProps } from './screen.js';

export const KEYS: readonly (readonly [string, string])[] = [
  ['space', 'start, pause or resume the session'],
  ['x', 'stop the session and log its minutes'],
  ['b', 'bell on/off when a time-box ends'],
  ['?', 'this help'],
  ['esc', 'back to home'],
  ['q / Ctrl-C', 'quit (a running session keeps running; `roadmap stop` logs it)'],
];

/** Every key binding, including each screen's key from the registry. */
export function HelpScreen({ screens }: ScreenProps) {
  return (
    <Box flexDirection="column">
      {[...screens.filter((s) => s.id !== 'help').map((s) => [s.key, `${s.title} screen`] as const), ...KEYS].map(([k, what]) => (
        <Text key={k}>
          <Text bold>{k.padEnd(12)}</Text>
          {what}
        </Text>
      ))}
      <Text dimColor>The timer lives in the store: closing the terminal never loses a started session.</Text>
    </Box>
  );
}
