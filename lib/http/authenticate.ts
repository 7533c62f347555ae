/**
 * The one authenticated path, shared by every to-do route (with-user.ts) and by /widget's first
 * view (lib/widget-server/first-view.ts): a verified help center token, then the user's list in
 * the store with their rate-limit budget bound in. The origin is checked before, by each caller's
 * own rule (CORS for the API, the allowed parents for /widget); both run in the pipeline.
 */
import { verifyHelpCenterToken } from '../auth';
import type { Config } from '../config';
import type { Principal } from '../principal';
import { getStore, type Quota, type UserTodos } from '../store';
import type { RequestContext } from './pipeline';
import { requiredConfig } from './required-config';

export type RequestKind = Quota['kind'];

export interface Authenticated {
  readonly user: Principal;
  /** The user's list; each call is one store call, counted against the request's budget. */
  readonly todos: UserTodos;
}

/**
 * Verifies `token` for a request of `kind` and opens the user's list. Throws the pipeline's
 * coded errors: `server_misconfigured`, `invalid_token`/`token_expired`, `auth_unavailable`,
 * `store_unavailable`; the rate limit is checked by the store, in the first call's own work.
 */
export async function authenticate(
  ctx: RequestContext,
  token: string,
  kind: RequestKind,
): Promise<Authenticated> {
  const config = requiredConfig(ctx.config);
  const user = await verifyHelpCenterToken(token, config);
  ctx.identify(user);
  const store = await getStore(config.store);
  return { user, todos: store.forUser(user, quotaFor(kind, config)) };
}

/** A request's rate-limit budget under the configured per-user limits. */
function quotaFor(kind: RequestKind, config: Config): Quota {
  const limits = config.rateLimits;
  return { kind, perMinute: kind === 'read' ? limits.readsPerMinute : limits.writesPerMinute };
}
