import { Text } from 'ink';

/** A text progress bar; full cells green once complete. */
export function ProgressBar({ fraction, width }: { readonly fraction: number; readonly width: number }) {
  const f = Math.max(0, Math.min(1, fraction));
  const full = Math.round(f * width);
  return (
    <Text>
      <Text color={f >= 1 ? 'green' : 'cyan'}>{'█'.repeat(full)}</Text>
      <Text dimColor>{'░'.repeat(Math.max(0, width - full))}</Text>
    </Text>
  );
}
