/**
 * This deployment's own origin, for the snippets on the setup page (docs/embedding.md): Vercel's
 * production host when there is one — the URL help centers should use, whichever deployment URL
 * the admin happened to open — else the origin the request was made to.
 *
 * Both come from outside (an environment variable; the request's `Host`, which any client can
 * set), so each must be a well-formed http(s) origin or it is not used: the page then leaves the
 * placeholder in the snippets and says so. A forged `Host` is only ever shown back to the client
 * that sent it, and React escapes it like any text.
 */

export interface OriginSources {
  /** `VERCEL_PROJECT_PRODUCTION_URL`: a bare host, served over https. */
  readonly vercelHost?: string | undefined;
  /** The request's `Host` header. */
  readonly host?: string | null | undefined;
  /** The request's `X-Forwarded-Proto` (Next sets it; a proxy may send a list). @default 'http' */
  readonly forwardedProto?: string | null | undefined;
}

// A DNS name or IPv4 address (labels of letters, digits and inner hyphens), or a bracketed IPv6
// address, then an optional port: nothing that could carry a path, credentials or markup.
const HOST =
  /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

/** The origin `scheme://host` if both parts are well formed, else undefined. */
export function originOf(scheme: string, host: string): string | undefined {
  if ((scheme !== 'http' && scheme !== 'https') || host.length > 255 || !HOST.test(host)) {
    return undefined;
  }
  const raw = `${scheme}://${host}`;
  if (!URL.canParse(raw)) return undefined;
  const url = new URL(raw);
  return url.port === '' || Number(url.port) > 0 ? url.origin : undefined;
}

/** The origin to put in the snippets, or undefined when none can be trusted to be well formed. */
export function deploymentOrigin(sources: OriginSources): string | undefined {
  const vercel = sources.vercelHost ? originOf('https', sources.vercelHost) : undefined;
  if (vercel || !sources.host) return vercel;
  const proto = (sources.forwardedProto ?? 'http').split(',')[0]!.trim().toLowerCase();
  return originOf(proto, sources.host);
}
