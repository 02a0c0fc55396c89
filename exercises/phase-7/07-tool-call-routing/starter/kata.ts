import type { z } from 'zod';

export interface Tool {
  description: string;
  schema: z.ZodType;
  // The handler receives the schema's parsed output.
  handler: (args: never) => unknown;
}

export type ToolRegistry = Record<string, Tool>;

export type ToolOutcome = { ok: true; tool: string; result: unknown } | { ok: false; tool?: string; error: string };

export async function routeToolCall(raw: string, tools: ToolRegistry): Promise<ToolOutcome> {
  // Naive: trusts everything.
  const call = JSON.parse(raw) as { name: string; arguments: unknown };
  const tool = tools[call.name] as Tool;
  const result = await (tool.handler as (args: unknown) => unknown)(call.arguments);
  return { ok: true, tool: call.name, result };
}

export function toToolMessage(outcome: ToolOutcome): { role: 'tool'; content: string } {
  throw new Error(`TODO: toToolMessage ${outcome.ok}`);
}
