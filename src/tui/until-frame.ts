/**
 * For the TUI's ink-testing-library tests: resolves with the last frame once it shows `text`, polling every 20 ms;
 * throws with the frame after `ms`.
 */
export async function untilFrame(frame: () => string | undefined, text: string | RegExp, ms = 3000): Promise<string> {
  const end = performance.now() + ms;
  for (;;) {
    const f = frame() ?? '';
    if (typeof text === 'string' ? f.includes(text) : text.test(f)) return f;
    if (performance.now() > end) throw new Error(`timed out waiting for ${String(text)} in:\n${f}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
