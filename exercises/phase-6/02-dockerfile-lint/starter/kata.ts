export interface Instruction {
  line: number;
  instruction: string;
  args: string;
}

export interface Finding {
  rule: 'from-tag' | 'copy-before-install' | 'apt-cleanup' | 'non-root-user';
  line: number;
  message: string;
}

export function parseInstructions(text: string): Instruction[] {
  // Naive: one instruction per physical line, no comments or continuations.
  return text
    .split('\n')
    .map((raw, i) => ({ raw: raw.trim(), line: i + 1 }))
    .filter((l) => l.raw !== '')
    .map(({ raw, line }) => {
      const [instruction = '', ...rest] = raw.split(/\s+/);
      return { line, instruction, args: rest.join(' ') };
    });
}

export function lintDockerfile(text: string): Finding[] {
  throw new Error(`TODO: lint ${parseInstructions(text).length} instructions`);
}
