import { ProgressBar as InkProgressBar } from '@inkjs/ui';
import { Box } from 'ink';

/** @inkjs/ui's progress bar in a box of `width` cells (it fills its container). */
export function ProgressBar({ fraction, width }: { readonly fraction: number; readonly width: number }) {
  return (
    <Box width={width} flexShrink={0}>
      <InkProgressBar value={Math.round(Math.max(0, Math.min(1, fraction)) * 100)} />
    </Box>
  );
}
