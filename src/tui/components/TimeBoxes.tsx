import { Box, Text } from 'ink';
import type { BoxProgress } from '../../core/time-boxes.js';

/** The slot's time-boxes as a checklist, the current one highlighted. */
export function TimeBoxes({ boxes }: { readonly boxes: readonly BoxProgress[] }) {
  return (
    <Box flexDirection="column">
      {boxes.map((b, i) => (
        <Text key={i} bold={b.state === 'current'} color={b.state === 'current' ? 'cyan' : undefined} dimColor={b.state === 'done'}>
          {b.state === 'done' ? '[x]' : b.state === 'current' ? '[>]' : '[ ]'} {String(b.minutes).padStart(2)} min {b.title}
          {b.state === 'current' ? ` · ${Math.ceil(b.left)} min left` : ''}
        </Text>
      ))}
    </Box>
  );
}
