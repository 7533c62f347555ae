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
  /** `max`: the item cap (MAX_ITEMS_PER_USER), never spelled out in a catalogue. */
  limitReached: (max: number) => string;
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
  /** Toggle all (TodoMVC's wording): checked when every item is done. */
  toggleAll: string;
  markedAllDone: string;
  markedAllOpen: string;
  toggleAllFailed: string;
  /** Label of the All / Active / Completed group. */
  filterLabel: string;
  filterAll: string;
  filterActive: string;
  filterCompleted: string;
  /** Shown when the chosen filter hides every item. */
  noneActive: string;
  noneCompleted: string;
  /** The privacy section. */
  yourData: string;
  download: string;
  downloaded: (fileName: string) => string;
  downloadFailed: string;
  deleteAll: string;
  confirmTitle: string;
  /** What erasing loses: `n` to-dos, for good. */
  confirmText: (n: number) => string;
  confirmDelete: string;
  erased: string;
  eraseFailed: string;
}
