/**
 * Drives the run's one fake Zendesk from any test process, over its `/__fake/` control API.
 */
import type { JwksMode, SignOptions, TokenEndpointMode } from './fake-zendesk';

export class FakeZendeskClient {
  constructor(readonly url: string) {}

  get jwksUrl(): string {
    return `${this.url}/api/v2/help_center/integration/keys.json`;
  }

  private async call<T>(path: string, body: unknown = {}): Promise<T> {
    const res = await fetch(`${this.url}/__fake/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`fake zendesk ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  }

  /** Any token at all: arbitrary claims, algorithm, kid or key. */
  async sign(claims: Record<string, unknown>, options?: SignOptions): Promise<string> {
    return (await this.call<{ token: string }>('sign', { claims, options })).token;
  }

  /**
   * A valid help-center-shaped token for `userId` (5 minutes, current key, `origin` = the fake
   * help center's; `options.origin` sets another, `null` leaves it out).
   */
  async userToken(
    userId: number,
    extra?: Record<string, unknown>,
    options?: SignOptions,
  ): Promise<string> {
    return (await this.call<{ token: string }>('user-token', { userId, extra, options })).token;
  }

  counts(): Promise<{ jwks: number; token: number; hanging: number }> {
    return this.call('counts');
  }

  resetCounts(): Promise<void> {
    return this.call('reset-counts');
  }

  rotate(opts: { dropOld?: boolean } = {}): Promise<{ kid: string }> {
    return this.call('rotate', opts);
  }

  setJwksDown(down: boolean): Promise<void> {
    return this.call('jwks-down', { down });
  }

  /** 'ok', 'error' (500) or 'hang' (held open until switched back). */
  setJwksMode(mode: JwksMode): Promise<void> {
    return this.call('jwks-mode', { mode });
  }

  setTokenEndpoint(mode: TokenEndpointMode, ttlSeconds?: number): Promise<void> {
    return this.call('token-endpoint', { mode, ttlSeconds });
  }
}
