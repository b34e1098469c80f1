/**
 * `load` run at most once at a time: the first call starts it and later calls share its promise. A
 * rejected load is forgotten, so the next call tries again (a transient import or credential failure
 * does not stick for the life of the process).
 */
export function once<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () => {
    loading ??= load().catch((error: unknown) => {
      loading = undefined;
      throw error;
    });
    return loading;
  };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- matches any async method signature
type AsyncMethod = (...args: any[]) => Promise<unknown>;

/**
 * The async methods `keys` of what `load` resolves to, each loading it on first call and delegating:
 * how a module hands out a typed client whose SDK is imported only when a command first uses it.
 */
export function deferred<T extends { [P in K]: AsyncMethod }, K extends keyof T>(
  load: () => Promise<T>,
  keys: readonly K[],
): Pick<T, K> {
  const methods: Partial<Pick<T, K>> = {};
  for (const key of keys) {
    const call: AsyncMethod = async (...args) => (await load())[key](...args);
    Object.assign(methods, { [key]: call });
  }
  return methods as Pick<T, K>;
}
