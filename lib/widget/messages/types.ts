/** Every user-visible string of the widget; one object per language. */
export interface Messages {
  title: string;
  newLabel: string;
  newPlaceholder: string;
  add: string;
  connecting: string;
  loading: string;
  empty: string;
  /** The number of items not yet done; `allDone` when every item is done. */
  openCount: (n: number) => string;
  allDone: string;
  edit: string;
  editNamed: (value: string) => string;
  editLabel: string;
  save: string;
  cancel: string;
  delete: string;
  deleteNamed: (value: string) => string;
  clearCompleted: (n: number) => string;
  added: (value: string) => string;
  saved: (value: string) => string;
  markedDone: (value: string) => string;
  markedOpen: (value: string) => string;
  deleted: (value: string) => string;
  cleared: (n: number) => string;
  tooLong: (count: number, max: number) => string;
  empty_value: string;
  addFailed: (value: string) => string;
  saveFailed: (value: string) => string;
  toggleFailed: (value: string) => string;
  deleteFailed: (value: string) => string;
  clearFailed: string;
  loadFailed: string;
  limitReached: string;
  rateLimited: (seconds: number) => string;
  network: string;
  serviceUnavailable: string;
  signInFailed: string;
  notFound: string;
  rejected: string;
  retry: string;
  dismiss: string;
  signedOut: string;
  signIn: string;
  featureUnavailable: string;
  notEmbedded: string;
}
