// A type-only re-export is erased at build time, so no server module reaches the client bundle.
// The widget speaks the API: its items are the API's JSON items.
export type { WireItem as TodoItem } from '../http/wire';
