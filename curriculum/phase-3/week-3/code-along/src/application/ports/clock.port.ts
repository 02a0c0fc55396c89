/** The time events are stamped with: injected, so use cases and their tests never read the system clock. */
export interface Clock {
  now(): Date;
}
