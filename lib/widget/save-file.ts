/**
 * Saves a Blob as a file the way every current browser supports from inside an iframe: an object
 * URL on a temporary `<a download>`. The widget's iframe is never sandboxed (embed.js and the
 * iframe snippet create it without `sandbox`), so no `allow-downloads` is needed; the click must
 * follow the user's own click closely, which it does (one API round trip).
 */

/** How long the object URL stays valid: Chromium reads the Blob after `click()` returns. */
const REVOKE_AFTER_MS = 60_000;

/** Offers `blob` as a download named `fileName`. */
export function saveFile(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  try {
    link.click();
  } finally {
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), REVOKE_AFTER_MS);
  }
}
