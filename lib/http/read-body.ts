import { ApiError } from './errors';

/** The largest accepted body: exactly 16 KiB passes, one byte more is 413 (CONTRACT §2). */
export const MAX_BODY_BYTES = 16 * 1024;

// The rest of an oversize body is never read, so the connection cannot carry another request.
const tooLarge = (): ApiError =>
  new ApiError('body_too_large', `The request body must be at most ${MAX_BODY_BYTES} bytes.`, {
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
  const declared = Number(req.headers.get('content-length'));
  if (declared > MAX_BODY_BYTES) throw tooLarge();

  const text = await readCapped(req);
  if (text.trim() === '')
    throw new ApiError('invalid_json', 'The request body is empty: send a JSON object.');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ApiError('invalid_json', 'The request body is not valid JSON.');
  }
}

async function readCapped(req: Request): Promise<string> {
  if (!req.body) return '';
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    throw new ApiError('invalid_json', 'The request body is not valid UTF-8 JSON.');
  }
}
