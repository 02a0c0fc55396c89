/** A read-only snapshot of the environment; the one place `process.env` is read. */
export type Env = Readonly<Record<string, string | undefined>>;

export function processEnv(): Env {
  return { ...process.env };
}
