/**
 * The verified identity a request acts for. Born in lib/auth (from the help center JWT), read by
 * lib/http and lib/store; it lives here, depending on nothing, so neither has to import the other
 * for it.
 */

/** Who owns the data: one help center user of one Zendesk account. */
export interface Principal {
  readonly subdomain: string;
  readonly userId: number;
}
