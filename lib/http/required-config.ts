/**
 * The configuration a request needs, or the 503 every route answers without it: the API and the
 * webhook share one wording, and the details stay in the server log.
 */
import type { Config, ConfigState } from '../config';
import { ApiError } from './errors';

/** The request's configuration; throws 503 `server_misconfigured` (Retry-After 60) when invalid. */
export function requiredConfig(state: ConfigState): Config {
  if (!state.ok) {
    throw new ApiError(
      'server_misconfigured',
      'hc-todo is not configured correctly; its administrator has been told in the server log.',
      { 'Retry-After': '60' },
    );
  }
  return state.config;
}
