// Step 4: a small Dockerfile linter for the rules this week teaches.
export interface Finding {
  rule: string;
  line: number;
  message: string;
}

interface Instruction {
  op: string;
  args: string;
  line: number;
}

/** Split into instructions: drop comments and blank lines, join backslash continuations. */
export function parseDockerfile(text: string): Instruction[] {
  const out: Instruction[] = [];
  let buf = '';
  let start = 0;
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (buf === '' && (line === '' || line.startsWith('#'))) return;
    if (buf === '') start = i + 1;
    if (line.endsWith('\\')) {
      buf += line.slice(0, -1) + ' ';
      return;
    }
    buf += line;
    const m = /^(\S+)\s*(.*)$/.exec(buf)!;
    out.push({ op: m[1]!.toUpperCase(), args: m[2]!.trim(), line: start });
    buf = '';
  });
  return out;
}

export function lintDockerfile(text: string): Finding[] {
  const ins = parseDockerfile(text);
  const findings: Finding[] = [];
  const add = (rule: string, line: number, message: string) => findings.push({ rule, line, message });
  const froms = ins.filter((i) => i.op === 'FROM');
  const stageNames = new Set(froms.map((f) => /\sAS\s+(\S+)/i.exec(f.args)?.[1]?.toLowerCase()));

  if (froms.length < 2) add('multi-stage', 1, 'use a build stage and a slim runtime stage');
  for (const f of froms) {
    const image = f.args.replace(/--platform=\S+\s+/, '').split(/\s+/)[0]!;
    if (stageNames.has(image.toLowerCase()) || image === 'scratch') continue; // FROM an earlier stage
    if (!image.includes('@sha256:') && (!/:[^/]+$/.test(image) || image.endsWith(':latest'))) {
      add('pinned-base', f.line, `pin ${image} to a version tag or digest, not latest`);
    }
  }

  const lastFrom = ins.lastIndexOf(froms[froms.length - 1]!);
  const final = ins.slice(lastFrom);
  const user = final.filter((i) => i.op === 'USER').pop();
  if (!user || /^(root|0)(:|$)/.test(user.args)) add('non-root', user?.line ?? 1, 'run the final stage as a non-root USER');

  const cmd = final.filter((i) => i.op === 'CMD' || i.op === 'ENTRYPOINT').pop();
  if (!cmd) add('exec-form', 1, 'the final stage needs a CMD');
  else if (!cmd.args.startsWith('[')) {
    add('exec-form', cmd.line, 'use exec form ["node", "server.js"]: shell form makes /bin/sh PID 1, which does not forward SIGTERM');
  } else if (/"npm"|"yarn"|"pnpm"/.test(cmd.args)) {
    add('no-package-manager', cmd.line, 'run node directly; a package manager as PID 1 adds a process between the signal and your app');
  }

  for (const i of ins) {
    if (i.op === 'RUN' && /\bnpm (install|i)\b/.test(i.args)) add('npm-ci', i.line, 'use npm ci for reproducible installs from the lockfile');
    if (i.op === 'ADD' && !/^https?:|\.tar/.test(i.args.split(/\s+/).find((a) => !a.startsWith('--')) ?? '')) {
      add('copy-not-add', i.line, 'use COPY for local files; ADD also fetches URLs and unpacks archives');
    }
  }
  return findings.sort((a, b) => a.line - b.line);
}
