/**
 * Whatever there must be one of per process: the configuration, the store and its connection,
 * the key sets, the request log's salt and buffer, exit hooks. Next bundles each route, the proxy
 * and instrumentation separately, so a module-level variable exists once per bundle — two routes
 * would open two Redis connections and fetch the help center's keys twice. A singleton lives on
 * globalThis under a `Symbol.for` key, which every bundle resolves to the same symbol.
 */
type Slots = Record<symbol, unknown>;

/** The process's one value for `name`, made by `create` on first use. */
export function processSingleton<T>(name: string, create: () => T): T {
  const key = Symbol.for(`hc-todo.${name}`);
  const slots = globalThis as unknown as Slots;
  if (!Object.hasOwn(slots, key)) slots[key] = create();
  return slots[key] as T;
}

/**
 * A class's brand, the same in every bundle. A process-wide object (the store, a key set) throws
 * errors made by the bundle that created it, so another route's `instanceof StoreError` would be
 * false for them — and a `rate_limited` would become a 500. A class that `mark`s its instances
 * and answers `static [Symbol.hasInstance]` with `has` is recognised across bundles.
 */
export function processBrand(name: string): {
  mark(instance: object): void;
  has(value: unknown): boolean;
} {
  const key = Symbol.for(`hc-todo.brand.${name}`);
  return {
    mark: (instance) => Object.defineProperty(instance, key, { value: true }),
    has: (value) =>
      typeof value === 'object' &&
      value !== null &&
      (value as Record<symbol, unknown>)[key] === true,
  };
}
