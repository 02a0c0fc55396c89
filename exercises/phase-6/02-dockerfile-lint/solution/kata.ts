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
  const out: Instruction[] = [];
  let pending: { line: number; parts: string[] } | undefined;
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, i) => {
    const trimmed = raw.trim();
    if (pending === undefined && (trimmed === '' || trimmed.startsWith('#'))) return;
    if (pending !== undefined && trimmed.startsWith('#')) return; // comment lines inside a continuation
    const continues = trimmed.endsWith('\\');
    const piece = (continues ? trimmed.slice(0, -1) : trimmed).trim();
    // A continued instruction keeps the line number where it started: that is where a human looks.
    pending ??= { line: i + 1, parts: [] };
    if (piece !== '') pending.parts.push(piece);
    if (!continues) {
      const joined = pending.parts.join(' ');
      const match = /^(\S+)\s*(.*)$/.exec(joined);
      if (match) out.push({ line: pending.line, instruction: (match[1] ?? '').toUpperCase(), args: match[2] ?? '' });
      pending = undefined;
    }
  });
  return out;
}

/** Arguments without leading --flags (e.g. --platform=…, --from=build, --chown=node:node). */
function positional(args: string): string[] {
  return args.split(/\s+/).filter((a) => a !== '' && !a.startsWith('--'));
}

/** The tag of an image reference, or undefined. A digest pins the image, so it counts as tagged. */
function imageIsPinned(image: string): boolean {
  if (image.includes('@')) return true; // name@sha256:…
  // The tag follows the last ':' AFTER the last '/'; in localhost:5000/node the ':' is a registry port.
  const lastSegment = image.slice(image.lastIndexOf('/') + 1);
  const colon = lastSegment.indexOf(':');
  if (colon === -1) return false;
  return lastSegment.slice(colon + 1) !== 'latest';
}

interface Stage {
  fromLine: number;
  instructions: Instruction[];
}

export function lintDockerfile(text: string): Finding[] {
  const findings: Finding[] = [];
  const stages: Stage[] = [];
  const aliases = new Set<string>();

  for (const ins of parseInstructions(text)) {
    if (ins.instruction === 'FROM') {
      const [image = '', as, alias] = positional(ins.args);
      stages.push({ fromLine: ins.line, instructions: [] });
      // `FROM build AS test` builds on an earlier stage, and `scratch` is the empty image: neither is pulled.
      const isImage = image.toLowerCase() !== 'scratch' && !aliases.has(image.toLowerCase());
      if (isImage && !imageIsPinned(image)) {
        findings.push({ rule: 'from-tag', line: ins.line, message: `pin "${image}" to a version tag or digest, not latest` });
      }
      if (as?.toUpperCase() === 'AS' && alias) aliases.add(alias.toLowerCase());
      continue;
    }
    stages[stages.length - 1]?.instructions.push(ins);
  }

  for (const stage of stages) {
    let copyAll: Instruction | undefined;
    for (const ins of stage.instructions) {
      if (ins.instruction === 'COPY') {
        const sources = positional(ins.args).slice(0, -1); // the last argument is the destination
        if (sources.includes('.') && copyAll === undefined) copyAll = ins;
      }
      if (ins.instruction === 'RUN') {
        // Copying all sources first means any code change busts the cache of the dependency install.
        if (copyAll && /\bnpm\s+(ci|install|i)\b/.test(ins.args)) {
          findings.push({ rule: 'copy-before-install', line: copyAll.line, message: 'copy package*.json and install before COPY . .' });
          copyAll = undefined; // report it once
        }
        // Layers are additive: deleting the lists in a later RUN doesn't remove them from this one.
        if (/\bapt-get\s+(?:\S+\s+)*install\b/.test(ins.args) && !/rm\s+-rf\s+\/var\/lib\/apt\/lists/.test(ins.args)) {
          findings.push({ rule: 'apt-cleanup', line: ins.line, message: 'remove /var/lib/apt/lists in the same RUN' });
        }
      }
    }
  }

  // Only the final stage ships; a USER in a build stage does not protect the runtime image.
  const final = stages[stages.length - 1];
  if (final) {
    const users = final.instructions.filter((i) => i.instruction === 'USER');
    const lastUser = users[users.length - 1]?.args.trim().split(':')[0];
    if (lastUser === undefined || lastUser === 'root' || lastUser === '0') {
      findings.push({ rule: 'non-root-user', line: final.fromLine, message: 'the final stage runs as root; add USER <non-root>' });
    }
  }

  return findings.sort((a, b) => a.line - b.line || a.rule.localeCompare(b.rule));
}
