import { describe, expect, it } from 'vitest';

import { parseConfig } from '@/lib/config';
import { frameAncestors } from '@/lib/http/frame-ancestors';

describe('frameAncestors', () => {
  it('lists exactly ALLOWED_ORIGINS in production, whatever port is passed', () => {
    const state = parseConfig(
      {
        ZENDESK_SUBDOMAIN: 'acme',
        ALLOWED_ORIGINS: 'https://help.acme.com,https://acme.zendesk.com',
      },
      { nextDev: false },
    );
    expect(frameAncestors(state)).toBe('https://help.acme.com https://acme.zendesk.com');
    expect(frameAncestors(state, 3000)).toBe('https://help.acme.com https://acme.zendesk.com');
  });

  it('adds the dev preview’s own origins only in the dev preview', () => {
    const state = parseConfig({}, { nextDev: true });
    expect(frameAncestors(state, 3000)).toBe('http://127.0.0.1:3000 http://localhost:3000');
  });

  it('lets nobody frame a misconfigured server', () => {
    expect(frameAncestors(parseConfig({}, { nextDev: false }))).toBe("'none'");
  });
});
