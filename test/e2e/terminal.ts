import { execFileSync } from 'node:child_process';
import { BIN } from './run-cli.js';

/**
 * The built `roadmap` in a real terminal: each run gets its own tmux session on a private server (-L), so its
 * stdin and stdout are a pty as a person's are. The pane stays after the command ends (remain-on-exit), so a
 * test reads the last screen. The command's `sh -c` then prints the terminal's line discipline (`stty -a`),
 * which shows whether roadmap left raw mode behind, and the exit code.
 */
export function terminalSandbox(env: Record<string, string>) {
  const server = `roadmap-tty-${process.pid}`;
  const tmux = (...args: string[]): string => execFileSync('tmux', ['-L', server, ...args], { encoding: 'utf8' });
  const quote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;
  let n = 0;
  // A keeper session holds the server and its global options while runs come and go.
  tmux('new-session', '-d', '-s', 'keeper', '-x', '100', '-y', '40', 'sh');
  tmux('set-option', '-g', 'remain-on-exit', 'on');
  tmux('set-option', '-g', 'history-limit', '5000');
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

  return {
    /** Starts `roadmap args…` in a fresh 100×40 terminal. */
    run(args: readonly string[], options: { env?: Record<string, string> } = {}) {
      const name = `run-${++n}`;
      const vars = Object.entries({ NO_COLOR: '1', ...env, ...options.env }).map(([k, v]) => `${k}=${quote(v)}`);
      const command = `env -u CI -u EDITOR -u VISUAL -u PAGER ${vars.join(' ')} node ${quote(BIN)} ${args.map(quote).join(' ')}; code=$?; printf '\\n[stty] '; stty -a | tr '\\n' ' '; printf '\\n[exit %s]\\n' $code`;
      tmux('new-session', '-d', '-s', name, '-x', '100', '-y', '40', `sh -c ${quote(command)}`);
      const screen = (): string => tmux('capture-pane', '-t', name, '-p', '-J', '-S', '-');
      const field = (f: string): string => tmux('display-message', '-p', '-t', name, f).trim();
      return {
        /** Everything the terminal has shown, scrollback included, with wrapped lines joined. */
        screen,
        /** Types keys as tmux names them ('Enter', 'C-c', 'C-d') or literal text. */
        keys(...keys: string[]): void {
          tmux('send-keys', '-t', name, ...keys);
        },
        /** Types text literally (no key names). */
        type(text: string): void {
          tmux('send-keys', '-t', name, '-l', text);
        },
        /** Waits until the screen matches (a string, a pattern, or a count of a string's occurrences). */
        async until(text: string | RegExp, times = 1, ms = 20_000): Promise<string> {
          const end = Date.now() + ms;
          for (;;) {
            const s = screen();
            const hit = typeof text === 'string' ? s.split(text).length - 1 >= times : text.test(s);
            if (hit) return s;
            if (Date.now() > end) throw new Error(`timed out waiting for ${String(text)}${times > 1 ? ` ×${times}` : ''}; the screen:\n${s}`);
            await sleep(100);
          }
        },
        /** Waits for the command to end; its exit code. Throws if it is still running after `ms` (a hang). */
        async exited(ms = 15_000): Promise<number> {
          const end = Date.now() + ms;
          for (;;) {
            const m = /\n\[exit (\d+)\]/.exec(screen());
            if (m) return Number(m[1]);
            if (Date.now() > end) throw new Error(`still running after ${ms} ms (waiting for input?); the screen:\n${screen()}`);
            await sleep(100);
          }
        },
        /** The pid of roadmap itself (the child of the pane's shell). */
        roadmapPid(): number {
          const shell = field('#{pane_pid}');
          return Number(execFileSync('pgrep', ['-P', shell], { encoding: 'utf8' }).trim().split('\n')[0]);
        },
      };
    },
    dispose(): void {
      try {
        tmux('kill-server');
      } catch {
        // already gone
      }
    },
  };
}

/** The local modes `stty -a` printed after the command: raw mode left behind shows as -icanon / -echo. */
export function ttyModes(screen: string): { canonical: boolean; echo: boolean } {
  const line = screen.slice(screen.lastIndexOf('[stty]'));
  return { canonical: /(^|\s)icanon(\s|$)/.test(line), echo: /(^|\s)echo(\s|$)/.test(line) };
}
