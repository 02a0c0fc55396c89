// Tool calling as a graph: model node → (tool calls?) → tools node → model … → END.
// This is the loop LangGraph's quickstart builds with StateGraph + a tool node.
import { z } from 'zod';
import { END, START, StateGraph, type Channels, type CompiledGraph } from './graph.js';

export interface ToolCall {
  id: string;
  name: string;
  args: unknown; // parsed JSON from the model: untrusted until validated
}

export type AssistantMessage = { role: 'assistant'; content: string; toolCalls?: ToolCall[] };
export type Message =
  | { role: 'system' | 'user'; content: string }
  | AssistantMessage
  | { role: 'tool'; content: string; toolCallId: string; name: string };

// Step 3 — tools: a name, a description the model reads, and a zod schema for the arguments.
export interface AgentTool {
  name: string;
  description: string;
  schema: z.ZodType;
  invoke(rawArgs: unknown): Promise<string>;
}

export function defineTool<A>(spec: {
  name: string;
  description: string;
  schema: z.ZodType<A>;
  run: (args: A) => string | Promise<string>;
}): AgentTool {
  return {
    name: spec.name,
    description: spec.description,
    schema: spec.schema,
    async invoke(rawArgs) {
      const parsed = spec.schema.safeParse(rawArgs);
      if (!parsed.success) throw new Error(`invalid arguments: ${z.prettifyError(parsed.error)}`);
      return spec.run(parsed.data);
    },
  };
}

/** The definition a model receives (Ollama and OpenAI both use this "function" shape). */
export function toolDefinition(tool: AgentTool) {
  return {
    type: 'function' as const,
    function: { name: tool.name, description: tool.description, parameters: z.toJSONSchema(tool.schema) },
  };
}
export type ToolDefinition = ReturnType<typeof toolDefinition>;

/**
 * Runs every requested call (in parallel, results kept in request order). Failures become
 * tool messages, not exceptions: the model reads the error and can retry with fixed arguments.
 */
export async function runToolCalls(calls: readonly ToolCall[], tools: readonly AgentTool[]): Promise<Message[]> {
  return Promise.all(
    calls.map(async (call): Promise<Message> => {
      const tool = tools.find((t) => t.name === call.name);
      let content: string;
      try {
        if (!tool) throw new Error(`unknown tool "${call.name}"`);
        content = await tool.invoke(call.args);
      } catch (err) {
        content = `Error: ${err instanceof Error ? err.message : String(err)}`;
      }
      return { role: 'tool', content, toolCallId: call.id, name: call.name };
    }),
  );
}

// Step 4 — the agent graph.
export interface AgentState {
  messages: Message[];
  llmCalls: number;
}

export const agentChannels: Channels<AgentState> = {
  messages: { default: () => [], reducer: (current, update) => [...current, ...update] }, // append
  llmCalls: { default: () => 0 }, // overwrite
};

/** Anything that maps a conversation (+ tool definitions) to the next assistant message. */
export type ChatModel = (messages: readonly Message[], tools: readonly ToolDefinition[]) => Promise<AssistantMessage>;

function lastToolCalls(state: Readonly<AgentState>): ToolCall[] {
  const last = state.messages.at(-1);
  return last?.role === 'assistant' ? (last.toolCalls ?? []) : [];
}

export function buildAgent(model: ChatModel, tools: readonly AgentTool[]): CompiledGraph<AgentState> {
  const definitions = tools.map(toolDefinition);
  return new StateGraph<AgentState>(agentChannels)
    .addNode('model', async (s) => ({ messages: [await model(s.messages, definitions)], llmCalls: s.llmCalls + 1 }))
    .addNode('tools', async (s) => ({ messages: await runToolCalls(lastToolCalls(s), tools) }))
    .addEdge(START, 'model')
    .addConditionalEdges('model', (s) => (lastToolCalls(s).length > 0 ? 'tools' : END), ['tools', END])
    .addEdge('tools', 'model')
    .compile();
}

/**
 * A deterministic stand-in for an LLM: returns the scripted replies in order and records
 * what it was shown. Swap it for a function that calls Ollama's /api/chat with `tools`.
 */
export function scriptedModel(script: readonly AssistantMessage[]) {
  const seen: Message[][] = [];
  const model: ChatModel = async (messages) => {
    seen.push([...messages]);
    const reply = script[seen.length - 1];
    if (!reply) throw new Error('script exhausted');
    return reply;
  };
  return { model, seen };
}
