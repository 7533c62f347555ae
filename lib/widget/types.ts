// A type-only re-export is erased at build time, so no server module reaches the client bundle.
export type { TodoItem } from '../store/types';
