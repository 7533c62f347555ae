/** The parts of a request's URL the pipeline reads. */
export type RequestUrl = Pick<URL, 'pathname' | 'host' | 'protocol'>;

/**
 * The request's URL, parsed once: a Next route handler gets a NextRequest whose `nextUrl` Next
 * parsed already, so parsing `req.url` again (a `new URL` per request, for the log line and the
 * CORS check) is needless work; a plain Request (unit tests) is parsed here.
 */
export function requestUrl(req: Request): RequestUrl {
  return (req as { nextUrl?: RequestUrl }).nextUrl ?? new URL(req.url);
}
