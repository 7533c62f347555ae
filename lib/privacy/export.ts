/**
 * "Download my data" (docs/api.md, `GET /api/me/export`): everything hc-todo keeps about the
 * caller that they can read, in one self-describing JSON file.
 */
import { json } from '../http/respond';
import { EXPORT_FILE_NAME, EXPORT_FORMAT } from '../limits';
import type { Principal } from '../principal';
import type { Todo } from '../store';
import { toWire, type WireItem } from '../http/wire';

export interface ExportDocument {
  format: typeof EXPORT_FORMAT;
  exported_at: string;
  user: { subdomain: string; userId: number };
  todo_items: WireItem[];
}

/** The export document for `user`'s items. */
export function buildExport(
  user: Principal,
  items: readonly Todo[],
  now: Date = new Date(),
): ExportDocument {
  return {
    format: EXPORT_FORMAT,
    exported_at: now.toISOString(),
    user: { subdomain: user.subdomain, userId: user.userId },
    todo_items: items.map(toWire),
  };
}

/** The export as a download: browsers save it as a file instead of showing it. */
export function exportResponse(user: Principal, items: readonly Todo[]): Response {
  return json(buildExport(user, items), 200, {
    'Content-Disposition': `attachment; filename="${EXPORT_FILE_NAME}"`,
  });
}
