import { ApiError } from './errors';

/** The largest accepted body: exactly 16 KiB passes, one byte more is 413 (docs/api.md). */
export const MAX_BODY_BYTES = 16 * 1024;

// The rest of an oversize body is never read, so the connection cannot carry another request.
const tooLarge = (maxBytes: number): ApiError =>
  new ApiError('body_too_large', `The request body must be at most ${maxBytes} bytes.`, {
    Connection: 'close',
  });

/**
 * Reads a JSON body, refusing a non-JSON media type and stopping as soon as the stream passes
 * the cap — a client announcing (or sending) a gigabyte never gets it buffered.
 */
export async function readJsonBody(req: Request): Promise<unknown> {
  const type = req.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json') {
    throw new ApiError(
      'unsupported_media_type',
      'Send the body as JSON with "Content-Type: application/json".',
    );
  }
  return parseJsonBytes(await readBodyBytes(req, MAX_BODY_BYTES));
}

/** Parses a body as UTF-8 JSON; empty, malformed or non-UTF-8 is 400 `invalid_json`. */
export function parseJsonBytes(bytes: Uint8Array): unknown {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new ApiError('invalid_json', 'The request body is not valid UTF-8 JSON.');
  }
  if (text.trim() === '')
    throw new ApiError('invalid_json', 'The request body is empty: send a JSON object.');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ApiError('invalid_json', 'The request body is not valid JSON.');
  }
}

/**
 * The raw body bytes, refused with 413 `body_too_large` past `maxBytes` — by the declared
 * `Content-Length` before reading, and by counting while reading (a chunked body declares none).
 */
export async function readBodyBytes(req: Request, maxBytes: number): Promise<Uint8Array> {
  const declared = Number(req.headers.get('content-length'));
  if (declared > maxBytes) throw tooLarge(maxBytes);
  if (!req.body) return new Uint8Array(0);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}
