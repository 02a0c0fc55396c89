import type { ComponentType } from 'react';
import type { Today } from '../../coach/today.js';
import type { BoxProgress } from '../../core/time-boxes.js';

/** What the shell gives every screen. */
export interface ScreenProps {
  readonly today: Today;
  readonly boxes: readonly BoxProgress[];
  readonly seconds: number;
  readonly bell: boolean;
  readonly width: number;
  /** Every registered screen (for help and navigation). */
  readonly screens: readonly Pick<ScreenDef, 'id' | 'title' | 'key'>[];
}

export interface ScreenDef {
  readonly id: string;
  readonly title: string;
  /** The key that opens it. */
  readonly key: string;
  readonly component: ComponentType<ScreenProps>;
  /** Keys the screen handles itself while it is shown ('return' for Enter); the shell leaves them alone. */
  readonly ownsKeys?: readonly string[];
}
