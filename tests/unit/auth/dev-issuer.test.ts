/** The dev preview's issuer mints what Zendesk mints, `origin` included (docs/api.md, tokens). */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

let dataDir: string;
let mintDevToken: typeof import('@/lib/auth/dev-issuer').mintDevToken;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hc-todo-dev-issuer-'));
  vi.stubEnv('ZENDESK_SUBDOMAIN', 'acme');
  vi.stubEnv('ALLOWED_ORIGINS', 'https://help.acme.com, https://acme.zendesk.com');
  vi.stubEnv('DATA_DIR', dataDir);
  vi.resetModules(); // lib/config parses the environment once per module instance
  ({ mintDevToken } = await import('@/lib/auth/dev-issuer'));
});
afterAll(() => {
  vi.unstubAllEnvs();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('mintDevToken', () => {
  it('sets origin to the help center origin by default', async () => {
    const claims = decodeJwt(await mintDevToken(42));
    expect(claims).toMatchObject({ userId: 42, origin: 'https://help.acme.com' });
    expect(typeof claims.exp).toBe('number');
  });

  it('sets another origin, or none, when told', async () => {
    expect(decodeJwt(await mintDevToken(1, { origin: 'https://x.example' })).origin).toBe(
      'https://x.example',
    );
    expect(decodeJwt(await mintDevToken(1, { origin: undefined }))).not.toHaveProperty('origin');
  });
});
