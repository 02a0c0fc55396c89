// Reorder each array into the order Node.js logs the labels (see README.md).
// They start in source order — top to bottom — which is NOT how Node runs them.

export const insideIoCallback: readonly string[] = [
  'sync start',
  'setTimeout 0',
  'setImmediate',
  'then',
  'nextTick from then',
  'nextTick',
  'then from nextTick',
  'queueMicrotask',
  'sync end',
];

export const asyncFunctions: readonly string[] = [
  'sync start',
  'setImmediate',
  'one: start',
  'one: after await',
  'nextTick',
  'two: start',
  'two: after await',
  'then',
  'sync end',
];
