import { PassThrough } from 'node:stream';
import { runDocsApi } from '../cli.js';

/** Runs the CLI in process with `argv` and `env`, capturing what it writes: its exit code, stdout and stderr. */
export async function runCli(argv: string[], env: Record<string, string | undefined>): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (b: Buffer) => (out += b.toString()));
  stderr.on('data', (b: Buffer) => (err += b.toString()));
  const code = await runDocsApi(argv, { stdout, stderr, env });
  return { code, stdout: out, stderr: err };
}

/** The first line a started binary prints on stdout (its listening line); rejects when it exits first. */
/** A started child (execa's): its stdout, and its end. Typed by shape so the package needs no execa. */
type Started = PromiseLike<{ readonly exitCode?: number; readonly stderr?: unknown }> & { readonly stdout: NodeJS.ReadableStream | null };

export function firstStdoutLine(child: Started): Promise<string> {
  let stdout = '';
  return new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (b: Buffer) => {
      stdout += b.toString();
      if (stdout.includes('\n')) resolve(stdout.split('\n')[0]!);
    });
    void child.then((r) => reject(new Error(`exited ${r.exitCode} before listening: ${String(r.stderr)}`)));
  });
}
