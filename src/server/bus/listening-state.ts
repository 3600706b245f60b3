/**
 * Whether a networked bus currently hears the other instances (subscribed on Redis, LISTENing on
 * Postgres). Health checks read it; tests wait on it before publishing.
 */
export interface ListeningState {
  isListening(): boolean;
  set(isListening: boolean): void;
  /** True as soon as the bus listens, false if it still does not after timeoutMs. */
  waitUntilListening(timeoutMs: number): Promise<boolean>;
}

export function createListeningState(): ListeningState {
  let isListening = false;
  const waiters = new Set<() => void>();

  return {
    isListening: () => isListening,
    set(next) {
      isListening = next;
      if (!next) return;
      for (const wake of waiters) wake();
      waiters.clear();
    },
    waitUntilListening(timeoutMs) {
      if (isListening) return Promise.resolve(true);
      return new Promise((resolve) => {
        const wake = () => {
          clearTimeout(timer);
          resolve(true);
        };
        const timer = setTimeout(() => {
          waiters.delete(wake);
          resolve(false);
        }, timeoutMs);
        waiters.add(wake);
      });
    },
  };
}
