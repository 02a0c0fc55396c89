// The order Node.js logs each scenario when it starts inside an I/O callback (poll phase).

export const insideIoCallback: readonly string[] = [
  'sync start', // the current callback always runs to completion first
  'sync end',
  'nextTick', // after the callback: the nextTick queue is drained first...
  'then', // ...then the whole microtask queue, in FIFO order:
  'queueMicrotask', //   queued during the sync code, right after 'then'
  'then from nextTick', //   queued later (while 'nextTick' ran), so it waits behind the first two
  'nextTick from then', // queued while microtasks ran: Node drains nextTicks again once microtasks are empty
  'setImmediate', // the poll phase ends → check phase runs immediates
  'setTimeout 0', // the timers phase comes in the next loop iteration
];

export const asyncFunctions: readonly string[] = [
  'sync start',
  'one: start', // calling an async function runs its body synchronously up to the first await
  'two: start',
  'sync end',
  'nextTick', // nextTicks before promise microtasks
  'one: after await', // each await queued one microtask, in call order
  'two: after await',
  'then', // queued after both awaits
  'setImmediate', // check phase, after all microtasks
];
