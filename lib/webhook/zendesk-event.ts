/**
 * What a verified Zendesk event webhook asks of us. Only `zen:event-type:user.deleted` does
 * anything; every other event is acknowledged and ignored — in particular
 * `zen:event-type:user.active_changed`, Zendesk's soft delete, which an admin can undo.
 */
import { ApiError } from '../http/errors';
import { parseJsonBytes } from '../http/read-body';

/**
 * The event that erases a user
 * (developer.zendesk.com/api-reference/webhooks/event-types/user-events).
 */
export const USER_DELETED = 'zen:event-type:user.deleted';

export type ZendeskEvent =
  | {
      readonly action: 'erase';
      readonly type: typeof USER_DELETED;
      /** null: digits that name no user hc-todo can have (`0`, `007`, past 2^53): erase nothing. */
      readonly userId: number | null;
    }
  | { readonly action: 'ignore'; readonly type: string };

// docs/privacy.md: `detail.id` must be a string of digits, else 400. Ids are compared as decimal
// strings (the token's `userId` is a number): only the canonical form of a positive safe integer
// can be one of our users, so `007` never erases user 7 — erasing is irreversible.
const DIGITS = /^[0-9]+$/;

/** Reads an event from the verified raw body; throws `invalid_json` or `invalid_body`. */
export function parseZendeskEvent(body: Uint8Array): ZendeskEvent {
  const event = parseJsonBytes(body);
  if (typeof event !== 'object' || event === null || Array.isArray(event)) {
    throw new ApiError('invalid_body', 'The body must be a Zendesk event: a JSON object.');
  }
  const { type, detail } = event as { type?: unknown; detail?: unknown };
  if (type !== USER_DELETED) {
    return { action: 'ignore', type: typeof type === 'string' ? type.slice(0, 100) : '' };
  }
  const id = typeof detail === 'object' && detail !== null ? (detail as { id?: unknown }).id : null;
  if (typeof id !== 'string' || !DIGITS.test(id)) {
    throw new ApiError(
      'invalid_body',
      'A user.deleted event needs "detail.id": the Zendesk user id as a string of digits.',
    );
  }
  const userId = Number(id);
  const ours = Number.isSafeInteger(userId) && userId > 0 && String(userId) === id;
  return { action: 'erase', type: USER_DELETED, userId: ours ? userId : null };
}
