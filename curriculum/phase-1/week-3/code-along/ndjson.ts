import { StringDecoder } from 'node:string_decoder'

/**
 * Splits a byte stream into lines. Chunk boundaries are arbitrary: a line (or a multi-byte UTF-8
 * character) can be cut in half, so we keep the unfinished tail and a StringDecoder for the bytes.
 */
export async function* splitLines(source: AsyncIterable<Buffer | string>): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8')
  let tail = ''
  for await (const chunk of source) {
    tail += typeof chunk === 'string' ? chunk : decoder.write(chunk)
    const lines = tail.split('\n')
    tail = lines.pop() ?? '' // the last piece has no newline yet
    for (const line of lines) if (line.trim() !== '') yield line
  }
  tail += decoder.end()
  if (tail.trim() !== '') yield tail // the last line may have no trailing newline
}

/** Object -> one JSON document per line. Used as a pipeline stage (an async generator function). */
export async function* toNdjson(source: AsyncIterable<unknown>): AsyncGenerator<string> {
  for await (const item of source) yield `${JSON.stringify(item)}\n`
}

/** Line -> object, with the line number in the error so a bad record can be found. */
export async function* parseNdjson<T>(lines: AsyncIterable<string>): AsyncGenerator<T> {
  let lineNo = 0
  for await (const line of lines) {
    lineNo++
    try {
      yield JSON.parse(line) as T
    } catch (cause) {
      throw new Error(`invalid JSON on line ${lineNo}`, { cause })
    }
  }
}
