import { Box, Text, useApp, useInput, useStdout } from 'ink';
import { useEffect, useRef, useState } from 'react';
import { pauseSession, startSession, stopSession } from '../coach/session.js';
import type { LocalDate } from '../core/local-date.js';
import { boxProgress } from '../core/time-boxes.js';
import { useDeps } from './deps-context.js';
import { SCREENS } from './screens/registry.js';
import { useTerminalSize } from './use-terminal-size.js';
import { useToday } from './use-today.js';

export interface AppProps {
  readonly date: LocalDate;
  /** Ring the terminal bell when a time-box ends. @default true */
  readonly bell?: boolean;
  /** How often the timer refreshes from the store. @default 1000 */
  readonly tickMs?: number;
}

/** The shell: header, the active screen, a status line and the key bindings. */
export function App({ date, bell: bellInitially = true, tickMs = 1000 }: AppProps) {
  const deps = useDeps();
  const { exit } = useApp();
  const { stdout } = useStdout();
  const { columns, rows } = useTerminalSize();
  const { today, error, refresh } = useToday(date, tickMs);
  const [screen, setScreen] = useState('home');
  const [bell, setBell] = useState(bellInitially);
  const [message, setMessage] = useState<string | null>(null);
  const lastBox = useRef<number | null>(null);

  const elapsed = today?.minutesDone ?? 0;
  const progress = boxProgress(today?.studyDay ? today.slot.boxes : [], elapsed);
  useEffect(() => {
    const running = today?.session?.state === 'running';
    if (running && bell && lastBox.current !== null && progress.current !== lastBox.current) stdout.write('\u0007');
    lastBox.current = progress.current;
  }, [progress.current, today?.session?.state, bell, stdout]);

  const act = async (what: () => Promise<unknown>, said: string): Promise<void> => {
    try {
      await what();
      setMessage(said);
    } catch (e) {
      setMessage((e as Error).message);
    }
    await refresh();
  };

  const current = SCREENS.find((s) => s.id === screen) ?? SCREENS[0]!;
  useInput((input, key) => {
    if (input === 'q') return exit();
    if (key.escape) return setScreen('home');
    if (current.ownsKeys?.includes(key.return ? 'return' : input)) return;
    const target = SCREENS.find((s) => s.key === input);
    if (target) return setScreen(target.id);
    if (input === 'b') return setBell((b) => !b);
    if (!today) return;
    if (input === ' ') {
      if (today.session?.state === 'running') void act(() => pauseSession(deps), 'Paused: `space` resumes.');
      else void act(() => startSession(deps, date), today.session ? 'Resumed.' : 'Session started.');
      setScreen((s) => (s === 'home' ? 'session' : s));
    }
    if (input === 'x' && today.session) void act(() => stopSession(deps), 'Stopped: minutes logged.');
  });

  const Screen = current.component;
  const seconds = Math.round(elapsed * 60);
  return (
    <Box flexDirection="column" width={columns} height={rows} paddingX={1}>
      <Box justifyContent="space-between">
        <Text bold>roadmap · {date}</Text>
        <Text>
          {SCREENS.map((s) => (
            <Text key={s.id} inverse={s.id === current.id}>
              {' '}
              {s.key} {s.title}{' '}
            </Text>
          ))}
        </Text>
      </Box>
      <Box flexGrow={1} flexDirection="column" marginTop={1} overflow="hidden">
        {error ? (
          <Text color="red">{error.message}</Text>
        ) : today ? (
          <Screen today={today} boxes={progress.boxes} seconds={seconds} bell={bell} width={columns - 2} screens={SCREENS} />
        ) : (
          <Text dimColor>Loading…</Text>
        )}
      </Box>
      {message && <Text color="cyan">{message}</Text>}
      <Text dimColor wrap="truncate-end">
        space start/pause · x stop · {SCREENS.filter((s) => s.id !== 'help').map((s) => `${s.key} ${s.title.toLowerCase()}`).join(' · ')} · ? help · q quit
      </Text>
    </Box>
  );
}
