/**
 * Wire encodings of the Upstash REST API, split from the bridge's server so each stays short.
 * See https://upstash.com/docs/redis/features/restapi ("Base64 Encoded Responses", "RESP2 Format
 * Responses") and the client's decoder, `decode()` in `@upstash/redis` pkg/http.ts.
 */
import type { IncomingMessage } from 'node:http';

/** Upstash's default maximum request size (1 MB) — generous for tests and hand use. */
const MAX_BODY_BYTES = 1024 * 1024;

export type JsonBody = { ok: true; value: unknown } | { ok: false; error: string };

/** Reads and parses a JSON request body; never throws for bad input. */
export async function readJsonBody(req: IncomingMessage): Promise<JsonBody> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) return { ok: false, error: 'ERR max request size exceeded' };
    chunks.push(chunk);
  }
  try {
    return { ok: true, value: JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown };
  } catch {
    return { ok: false, error: 'ERR failed to parse command' };
  }
}

const OK = Buffer.from('OK');

/**
 * Turns an ioredis reply (Buffers, numbers, null, nested arrays) into Upstash's JSON `result`.
 * With base64 every string is encoded, nested ones too, except a top-level `OK`: the client keeps
 * a top-level `"OK"` verbatim but base64-decodes every string inside an array, so an unencoded
 * nested "OK" would come out as "8". Without base64, invalid UTF-8 becomes U+FFFD, as on Upstash.
 * (ioredis cannot tell a `+OK` status from a bulk "OK"; both decode to "OK" in the client.)
 */
export function encodeResult(value: unknown, base64: boolean, topLevel: boolean): unknown {
  if (Buffer.isBuffer(value)) {
    if (!base64) return value.toString('utf8');
    return topLevel && value.equals(OK) ? 'OK' : value.toString('base64');
  }
  if (Array.isArray(value)) return value.map((v: unknown) => encodeResult(v, base64, false));
  return value ?? null;
}

/** RESP2 bytes for `Upstash-Response-Format: resp2`: one reply per entry, concatenated. */
export function encodeResp2(entries: ({ result: unknown } | { error: string })[]): Buffer {
  const parts: Buffer[] = [];
  for (const entry of entries) {
    if ('error' in entry) parts.push(Buffer.from(`-${entry.error.replace(/\r?\n/g, ' ')}\r\n`));
    else writeResp2(entry.result, true, parts);
  }
  return Buffer.concat(parts);
}

function writeResp2(value: unknown, topLevel: boolean, parts: Buffer[]): void {
  if (Buffer.isBuffer(value)) {
    if (topLevel && value.equals(OK)) return void parts.push(Buffer.from('+OK\r\n'));
    parts.push(Buffer.from(`$${value.length}\r\n`), value, Buffer.from('\r\n'));
  } else if (typeof value === 'number') {
    parts.push(Buffer.from(`:${value}\r\n`));
  } else if (Array.isArray(value)) {
    parts.push(Buffer.from(`*${value.length}\r\n`));
    for (const item of value) writeResp2(item, false, parts);
  } else {
    parts.push(Buffer.from('$-1\r\n'));
  }
}
