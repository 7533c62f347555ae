/**
 * What a verified Zendesk event webhook asks of us. Only `zen:event-type:user.deleted` does
 * anything; every other event is acknowledged and ignored — in particular
 * `zen:event-type:user.active_changed`, Zendesk's soft delete, which an admin can undo.
 */
import { ApiError } from '../http/errors';
import { parseJsonBytes } from '../http/read-body';

/** The event that erases a user (developer.zendesk.com/api-reference/webhooks/event-types/user-events). */
export const USER_DELETED = 'zen:event-type:user.deleted';

export type ZendeskEvent =
  | { readonly action: 'erase'; readonly type: typeof USER_DELETED; readonly userId: number }
  | { readonly action: 'ignore'; readonly type: string };

// A Zendesk user id as the payload carries it: decimal digits in a string, no sign, no leading
// zero. Erasing is irreversible, so anything that is not plainly one id is refused, not guessed.
const USER_ID = /^[1-9][0-9]{0,15}$/;

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
  const userId = typeof id === 'string' && USER_ID.test(id) ? Number(id) : NaN;
  if (!Number.isSafeInteger(userId)) {
    throw new ApiError(
      'invalid_body',
      'A user.deleted event needs "detail.id": the Zendesk user id as a string of digits.',
    );
  }
  return { action: 'erase', type: USER_DELETED, userId };
}
