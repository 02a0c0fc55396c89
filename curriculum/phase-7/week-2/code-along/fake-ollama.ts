// A LOCAL STAND-IN for the Ollama server, used only by the tests. It speaks the
// same wire format (JSON in, NDJSON out for streaming /api/chat, {"error": ...}
// on failures) with scripted answers. No model runs here. Against a real
// Ollama, point OllamaClient at http://127.0.0.1:11434 instead.
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeOllamaOptions {
  models?: string[]; // models that "exist"; others get 404 like an unpulled model
  reply?: string; // scripted assistant answer
  tokenDelayMs?: number; // pause between streamed tokens
}

export interface FakeOllama {
  url: string;
  requests: Array<{ path: string; body: Record<string, unknown> }>;
  close(): Promise<void>;
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  let raw = '';
  for await (const chunk of req) raw += String(chunk);
  return JSON.parse(raw) as Record<string, unknown>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function startFakeOllama(opts: FakeOllamaOptions = {}): Promise<FakeOllama> {
  const models = opts.models ?? ['llama3.2', 'embeddinggemma'];
  const reply = opts.reply ?? 'Doc-Chat answers from your documents [1].';
  const tokens = reply.match(/\S+\s*/g) ?? [];
  const requests: FakeOllama['requests'] = [];

  const server = createServer(async (req, res) => {
    const send = (status: number, payload: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(payload));
    };
    const body = await readJson(req).catch(() => undefined);
    if (!body) return send(400, { error: 'invalid JSON body' });
    const path = req.url ?? '';
    requests.push({ path, body });
    const model = String(body.model);
    if (!models.includes(model)) return send(404, { error: `model "${model}" not found, try pulling it first` });

    const base = { model, created_at: new Date(0).toISOString() };
    const stats = {
      done: true,
      done_reason: 'stop',
      total_duration: 900_000_000,
      load_duration: 50_000_000,
      prompt_eval_count: 26,
      prompt_eval_duration: 120_000_000,
      eval_count: tokens.length,
      eval_duration: tokens.length * 20_000_000, // 20 ms per token = 50 tokens/s
    };

    if (path === '/api/embed') {
      const inputs = Array.isArray(body.input) ? body.input.map(String) : [String(body.input)];
      // Deterministic unit vectors: [cos, sin] of the text length.
      const embeddings = inputs.map((t) => [Math.cos(t.length), Math.sin(t.length)]);
      return send(200, { model, embeddings, total_duration: 1_000_000, prompt_eval_count: inputs.length });
    }
    if (path !== '/api/chat') return send(404, { error: 'not found' });
    if (body.stream === false) {
      return send(200, { ...base, message: { role: 'assistant', content: reply }, ...stats });
    }

    res.writeHead(200, { 'content-type': 'application/x-ndjson' });
    for (const [i, token] of tokens.entries()) {
      if (res.destroyed) return; // client aborted
      const line = JSON.stringify({ ...base, message: { role: 'assistant', content: token }, done: false }) + '\n';
      if (i === 0) {
        // Split the first line across two writes, like a real network can.
        res.write(line.slice(0, 10));
        await sleep(1);
        res.write(line.slice(10));
      } else {
        res.write(line);
      }
      if (opts.tokenDelayMs) await sleep(opts.tokenDelayMs);
    }
    res.end(JSON.stringify({ ...base, message: { role: 'assistant', content: '' }, ...stats }) + '\n');
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve)); // port 0: any free port
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
