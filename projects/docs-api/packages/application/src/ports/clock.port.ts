/** The time events are stamped with: injected, so tests and use cases never read the system clock themselves. */
export interface Clock {
  now(): Date;
}
