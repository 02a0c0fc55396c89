// A small typed client for Ollama's native HTTP API (/api/chat, /api/embed).
// Field names follow Ollama's API; durations in responses are nanoseconds.
import { z } from 'zod';
import { parseNdjson, readChunks } from './ndjson.js';

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant' | 'tool';
  content: string;
  tool_name?: string; // on role "tool": which tool produced this result
}

export interface ChatRequest {
  model: string;
  messages: ChatMessage[];
  format?: 'json' | Record<string, unknown>; // "json" or a JSON Schema (structured outputs)
  options?: { temperature?: number; seed?: number; num_ctx?: number; num_predict?: number; top_p?: number };
  keep_alive?: string | number; // e.g. "10m"; 0 unloads the model right after the call
}

/** One NDJSON line of a streaming /api/chat response. The last one has done: true and the stats. */
export interface ChatChunk {
  model: string;
  created_at: string;
  message?: { role: 'assistant'; content: string };
  done: boolean;
  done_reason?: string;
  total_duration?: number;
  load_duration?: number;
  prompt_eval_count?: number;
  prompt_eval_duration?: number;
  eval_count?: number;
  eval_duration?: number;
}

export interface ChatResult {
  content: string;
  doneReason?: string;
  promptTokens?: number;
  outputTokens?: number;
  tokensPerSecond?: number;
  ttftMs: number; // client-side time to first token
  totalMs: number;
}

export class OllamaError extends Error {
  constructor(message: string, readonly status?: number) {
    super(message);
    this.name = 'OllamaError';
  }
}

/** Ollama's own formula: eval_count / eval_duration * 1e9. */
export function tokensPerSecond(chunk: Pick<ChatChunk, 'eval_count' | 'eval_duration'>): number | undefined {
  const { eval_count: n, eval_duration: ns } = chunk;
  return n !== undefined && ns ? (n / ns) * 1e9 : undefined;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

export interface OllamaClientOptions {
  baseUrl?: string; // default http://127.0.0.1:11434
  timeoutMs?: number; // whole-request budget, including the stream
}

export class OllamaClient {
  readonly baseUrl: string;
  private readonly timeoutMs: number;

  constructor(opts: OllamaClientOptions = {}) {
    this.baseUrl = (opts.baseUrl ?? 'http://127.0.0.1:11434').replace(/\/$/, '');
    this.timeoutMs = opts.timeoutMs ?? 30_000;
  }

  // Step 2 — POST JSON, turn HTTP errors ({"error": "..."}) into OllamaError.
  private async post(path: string, body: unknown, signal?: AbortSignal): Promise<Response> {
    const timeout = AbortSignal.timeout(this.timeoutMs);
    const res = await fetch(`${this.baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
    });
    if (!res.ok) {
      const payload: unknown = await res.json().catch(() => undefined);
      const msg = isRecord(payload) && typeof payload.error === 'string' ? payload.error : res.statusText;
      throw new OllamaError(`${path} failed with ${res.status}: ${msg}`, res.status);
    }
    return res;
  }

  /** Streams chunks as Ollama produces them (stream defaults to true in the API). */
  async *chatStream(req: ChatRequest, signal?: AbortSignal): AsyncGenerator<ChatChunk> {
    const res = await this.post('/api/chat', { ...req, stream: true }, signal);
    if (!res.body) throw new OllamaError('empty response body');
    for await (const value of parseNdjson(readChunks(res.body))) {
      // An error can also arrive mid-stream, as a line with an "error" field.
      if (isRecord(value) && typeof value.error === 'string') throw new OllamaError(value.error);
      yield value as ChatChunk;
    }
  }

  // Step 3 — collect a stream, measure time-to-first-token and read the stats.
  async chat(
    req: ChatRequest,
    opts: { onToken?: (token: string) => void; signal?: AbortSignal } = {},
  ): Promise<ChatResult> {
    const start = performance.now();
    let ttftMs: number | undefined;
    let content = '';
    let last: ChatChunk | undefined;
    for await (const chunk of this.chatStream(req, opts.signal)) {
      const token = chunk.message?.content ?? '';
      if (token) {
        ttftMs ??= performance.now() - start;
        content += token;
        opts.onToken?.(token);
      }
      last = chunk;
    }
    if (!last?.done) throw new OllamaError('stream ended before the final chunk');
    const totalMs = performance.now() - start;
    return {
      content,
      doneReason: last.done_reason,
      promptTokens: last.prompt_eval_count,
      outputTokens: last.eval_count,
      tokensPerSecond: tokensPerSecond(last),
      ttftMs: ttftMs ?? totalMs,
      totalMs,
    };
  }

  // Step 4 — batch embeddings. /api/embed returns L2-normalised vectors.
  async embed(model: string, input: string | string[], signal?: AbortSignal): Promise<number[][]> {
    const res = await this.post('/api/embed', { model, input }, signal);
    const body: unknown = await res.json();
    if (!isRecord(body) || !Array.isArray(body.embeddings)) throw new OllamaError('no embeddings in response');
    return body.embeddings as number[][];
  }

  // Step 5 — structured output: send a JSON Schema as `format`, validate the reply.
  async chatJson<T>(req: ChatRequest, schema: z.ZodType<T>): Promise<T> {
    const res = await this.post('/api/chat', { ...req, stream: false, format: z.toJSONSchema(schema) });
    const body: unknown = await res.json();
    const content = isRecord(body) && isRecord(body.message) ? body.message.content : undefined;
    if (typeof content !== 'string') throw new OllamaError('no message content in response');
    let parsed: unknown;
    try {
      parsed = JSON.parse(content);
    } catch {
      throw new OllamaError(`model did not return valid JSON: ${content.slice(0, 80)}`);
    }
    return schema.parse(parsed); // throws a ZodError listing every mismatch
  }
}
