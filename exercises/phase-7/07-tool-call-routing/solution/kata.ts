import type { z } from 'zod';

export interface Tool {
  description: string;
  schema: z.ZodType;
  // The handler receives the schema's parsed output.
  handler: (args: never) => unknown;
}

export type ToolRegistry = Record<string, Tool>;

export type ToolOutcome = { ok: true; tool: string; result: unknown } | { ok: false; tool?: string; error: string };

const FENCE = /^```(?:json)?\s*\n?([\s\S]*?)\n?```$/;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

export async function routeToolCall(raw: string, tools: ToolRegistry): Promise<ToolOutcome> {
  // Models often wrap JSON in a Markdown fence; unwrap it before parsing.
  const trimmed = raw.trim();
  const body = FENCE.exec(trimmed)?.[1] ?? trimmed;

  const parsed = parseJson(body);
  if (!parsed.ok) return { ok: false, error: 'invalid JSON: reply with a single JSON object {"name": ..., "arguments": {...}}' };
  const call = parsed.value;
  if (!isPlainObject(call) || typeof call.name !== 'string' || call.name === '') {
    return { ok: false, error: 'missing tool name: expected {"name": string, "arguments": object}' };
  }
  const name = call.name;

  // Object.hasOwn: `tools["toString"]` or `tools["__proto__"]` exist on every object but are not tools.
  if (!Object.hasOwn(tools, name)) {
    return { ok: false, error: `unknown tool "${name}"; available: ${Object.keys(tools).sort().join(', ')}` };
  }
  const tool = tools[name] as Tool;

  // OpenAI-style calls carry arguments as a JSON string; others as an object; absent means {}.
  let args: unknown = call.arguments ?? {};
  if (typeof args === 'string') {
    const inner = parseJson(args);
    if (!inner.ok) return { ok: false, tool: name, error: `invalid arguments for ${name}: arguments is not valid JSON` };
    args = inner.value;
  }
  if (!isPlainObject(args)) return { ok: false, tool: name, error: `invalid arguments for ${name}: expected an object` };

  const validated = tool.schema.safeParse(args);
  if (!validated.success) {
    // Paths + messages: precise enough for the model to fix its call on the next turn.
    const details = validated.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    return { ok: false, tool: name, error: `invalid arguments for ${name}: ${details}` };
  }

  try {
    // validated.data, not args: defaults applied, unknown keys (e.g. "isAdmin") stripped.
    // `await` inside the try, so a rejected promise is caught here too.
    const result = await (tool.handler as (a: unknown) => unknown)(validated.data);
    return { ok: true, tool: name, result };
  } catch (error) {
    return { ok: false, tool: name, error: `tool ${name} failed: ${error instanceof Error ? error.message : String(error)}` };
  }
}

export function toToolMessage(outcome: ToolOutcome): { role: 'tool'; content: string } {
  // JSON.stringify(undefined) is undefined, not a string: a void handler must still produce content.
  const content = outcome.ok ? JSON.stringify(outcome.result ?? null) : JSON.stringify({ error: outcome.error });
  return { role: 'tool', content };
}
